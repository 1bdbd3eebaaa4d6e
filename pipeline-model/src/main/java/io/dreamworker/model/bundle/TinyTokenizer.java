package io.dreamworker.model.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a small LLaMA-style {@code tokenizer.json} (BPE with byte fallback, the sentencepiece
 * layout that HF tokenizers uses for LLaMA and Vicuna) for bundles the project makes itself: the
 * special tokens first, then the 256 byte tokens, then {@code ▁} and printable ASCII. Any text
 * round-trips: characters outside the alphabet fall back to their UTF-8 bytes, as in LLaMA.
 */
public final class TinyTokenizer {

  /** LLaMA's own three, then a pad token, then DreamLLM's eight, in the order ids are given. */
  public static final List<String> SPECIAL_TOKENS = List.of(
      "<unk>", "<s>", "</s>", "<pad>",
      "<image>", "<im_patch>", "<im_start>", "<im_end>",
      "<dream>", "<dream_patch>", "<dream_start>", "<dream_end>");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SPACE = "\u2581";

  private TinyTokenizer() {}

  /**
   * The tokenizer.json text.
   *
   * @param merges BPE merges as pairs {@code "a b"}, applied in order; each merged piece joins the
   *     vocabulary (pass an empty list for a character-level tokenizer)
   */
  public static String json(List<String> merges) {
    List<String> vocab = new ArrayList<>(SPECIAL_TOKENS);
    for (int b = 0; b < 256; b++) {
      vocab.add(String.format(Locale.ROOT, "<0x%02X>", b));
    }
    vocab.add(SPACE);
    for (char c = '!'; c <= '~'; c++) {
      vocab.add(String.valueOf(c));
    }
    ArrayNode mergeNodes = JSON.createArrayNode();
    for (String m : merges) {
      String[] parts = m.split(" ");
      if (parts.length != 2 || !vocab.contains(parts[0]) || !vocab.contains(parts[1])) {
        throw new IllegalArgumentException(
            "merge '" + m + "' must join two pieces already in the vocabulary");
      }
      String joined = parts[0] + parts[1];
      if (!vocab.contains(joined)) {
        vocab.add(joined);
      }
      mergeNodes.addArray().add(parts[0]).add(parts[1]);
    }

    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    for (int i = 0; i < SPECIAL_TOKENS.size(); i++) {
      ObjectNode t = added.addObject();
      t.put("id", i);
      t.put("content", SPECIAL_TOKENS.get(i));
      t.put("single_word", false);
      t.put("lstrip", false);
      t.put("rstrip", false);
      t.put("normalized", false);
      t.put("special", true);
    }
    ObjectNode normalizer = root.putObject("normalizer");
    normalizer.put("type", "Sequence");
    ArrayNode norms = normalizer.putArray("normalizers");
    norms.addObject().put("type", "Prepend").put("prepend", SPACE);
    ObjectNode replace = norms.addObject().put("type", "Replace");
    replace.putObject("pattern").put("String", " ");
    replace.put("content", SPACE);
    root.putNull("pre_tokenizer");
    root.putNull("post_processor");
    ObjectNode decoder = root.putObject("decoder");
    decoder.put("type", "Sequence");
    ArrayNode decoders = decoder.putArray("decoders");
    ObjectNode unspace = decoders.addObject().put("type", "Replace");
    unspace.putObject("pattern").put("String", SPACE);
    unspace.put("content", " ");
    decoders.addObject().put("type", "ByteFallback");
    decoders.addObject().put("type", "Fuse");
    decoders.addObject().put("type", "Strip").put("content", " ").put("start", 1).put("stop", 0);
    ObjectNode model = root.putObject("model");
    model.put("type", "BPE");
    model.putNull("dropout");
    model.put("unk_token", "<unk>");
    model.putNull("continuing_subword_prefix");
    model.putNull("end_of_word_suffix");
    model.put("fuse_unk", true);
    model.put("byte_fallback", true);
    model.put("ignore_merges", false);
    ObjectNode vocabNode = model.putObject("vocab");
    for (int i = 0; i < vocab.size(); i++) {
      vocabNode.put(vocab.get(i), i);
    }
    model.set("merges", mergeNodes);
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The vocabulary size of {@link #json} for the given number of new merged pieces. */
  public static int baseVocabularySize() {
    return SPECIAL_TOKENS.size() + 256 + 1 + ('~' - '!' + 1);
  }
}
