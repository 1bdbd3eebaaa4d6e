package io.dreamworker.model.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dreamworker.model.runtime.OfflineEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Hugging Face {@code tokenizer.json} (the fast tokenizer behind transformers' {@code
 * LlamaTokenizerFast}), run by the tokenizers library through DJL, with DreamLLM's special tokens
 * resolved.
 *
 * <p>It behaves like transformers' {@code encode(text, add_special_tokens=False)} unless asked
 * otherwise: DreamLLM builds its prompts itself and places {@code <s>} where it wants it, so
 * nothing is prepended here. Encoding never truncates or pads. {@link #decode(long[])} keeps
 * special tokens, as transformers' {@code decode} does by default.
 *
 * <p>Loading reads only the given file. The tokenizers native library ships inside DJL's jar for
 * linux-x86_64 and is extracted to DJL's cache directory ({@code ~/.djl.ai}, or {@code
 * DJL_CACHE_DIR}); nothing is downloaded, provided DJL is in offline mode: on a machine with CUDA,
 * DJL would otherwise try to download a CUDA build of the library, and on every first use it calls
 * the EC2 metadata address for telemetry. So, unless {@code DJL_OFFLINE} or {@code
 * ai.djl.offline} is already set, loading sets the system property {@code ai.djl.offline=true}.
 */
public final class DreamTokenizer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HuggingFaceTokenizer tokenizer;
  private final Vocabulary vocabulary;
  private final SpecialTokens specialTokens;
  private final Path source;

  private DreamTokenizer(
      HuggingFaceTokenizer tokenizer, Vocabulary vocabulary, SpecialTokens specialTokens, Path source) {
    this.tokenizer = tokenizer;
    this.vocabulary = vocabulary;
    this.specialTokens = specialTokens;
    this.source = source;
  }

  /**
   * Loads a {@code tokenizer.json}, or the one in a directory.
   *
   * @throws TokenizerException naming the file when it is missing, is not JSON, is not a
   *     tokenizers file, or the tokenizers library refuses it
   */
  public static DreamTokenizer load(Path path) throws TokenizerException {
    Path file = Files.isDirectory(path) ? path.resolve("tokenizer.json") : path;
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new TokenizerException("no tokenizer file at " + file.toAbsolutePath()
          + ": a model bundle needs its tokenizer.json", e);
    } catch (IOException e) {
      throw new TokenizerException("cannot read the tokenizer file " + file + ": " + e.getMessage(), e);
    }
    JsonNode json;
    try {
      json = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new TokenizerException("the tokenizer file " + file + " is not valid JSON: "
          + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")", e);
    }
    Vocabulary vocabulary;
    try {
      if (json == null || !json.isObject()) {
        throw new IllegalArgumentException("it is not a JSON object");
      }
      vocabulary = Vocabulary.of(json);
    } catch (IllegalArgumentException e) {
      throw new TokenizerException("the tokenizer file " + file
          + " is not a Hugging Face tokenizer.json: " + e.getMessage(), e);
    }
    OfflineEngine.configure();
    HuggingFaceTokenizer tokenizer;
    try (InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
      tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of(
          "addSpecialTokens", "false",
          "truncation", "false",
          "padding", "false"));
    } catch (IOException | RuntimeException e) {
      throw new TokenizerException("the tokenizers library cannot load " + file + ": " + e.getMessage(), e);
    }
    SpecialTokens special =
        SpecialTokens.resolve(vocabulary::id, configuredPad(json, vocabulary), file.toString());
    return new DreamTokenizer(tokenizer, vocabulary, special, file);
  }

  /** Token ids of {@code text}, with no special tokens added. */
  public long[] encode(String text) {
    return encode(text, false);
  }

  /**
   * Token ids of {@code text}.
   *
   * @param addSpecialTokens whether the tokenizer's post-processor adds its tokens (for LLaMA,
   *     {@code <s>} in front), as transformers' {@code add_special_tokens}
   */
  public long[] encode(String text, boolean addSpecialTokens) {
    return tokenizer.encode(text, addSpecialTokens, false).getIds();
  }

  /** Token strings of {@code text} (no special tokens added), as the tokenizers library names them. */
  public List<String> tokenize(String text) {
    Encoding encoding = tokenizer.encode(text, false, false);
    return List.of(encoding.getTokens());
  }

  /** Text of {@code ids}, special tokens kept. */
  public String decode(long[] ids) {
    return decode(ids, false);
  }

  /** Text of {@code ids}; ids the vocabulary lacks are skipped, as the tokenizers library does. */
  public String decode(long[] ids, boolean skipSpecialTokens) {
    return tokenizer.decode(ids, skipSpecialTokens);
  }

  public OptionalLong tokenToId(String token) {
    return vocabulary.id(token);
  }

  public Optional<String> idToToken(long id) {
    return vocabulary.token(id);
  }

  /** Distinct token ids, added tokens included ({@code len(tokenizer)} in transformers). */
  public int vocabSize() {
    return vocabulary.size();
  }

  public SpecialTokens specialTokens() {
    return specialTokens;
  }

  /** The file this tokenizer was loaded from. */
  public Path source() {
    return source;
  }

  @Override
  public void close() {
    tokenizer.close();
  }

  @Override
  public String toString() {
    return "DreamTokenizer[" + source + ", " + vocabSize() + " tokens, special "
        + specialTokens.ids().keySet() + "]";
  }

  /** The id of the padding token the file configures ({@code padding.pad_id}), if any. */
  private static OptionalLong configuredPad(JsonNode json, Vocabulary vocabulary) {
    JsonNode padding = json.path("padding");
    if (padding.hasNonNull("pad_token")) {
      OptionalLong id = vocabulary.id(padding.get("pad_token").asText());
      if (id.isPresent()) {
        return id;
      }
    }
    return padding.hasNonNull("pad_id") ? OptionalLong.of(padding.get("pad_id").asLong())
        : OptionalLong.empty();
  }
}
