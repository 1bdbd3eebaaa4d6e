package io.dreamworker.model.text;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The ids of the special tokens DreamLLM's prompts use, as a given tokenizer defines them: the
 * LLaMA tokens ({@code <s> </s> <unk>}), the image-input tokens ({@code <image> <im_patch>
 * <im_start> <im_end>}) and the image-output tokens ({@code <dream> <dream_patch> <dream_start>
 * <dream_end>}). A tokenizer may lack some; {@link #require(String)} fails naming the token and the
 * tokenizer file for a model that needs one.
 *
 * @param ids the ids of the tokens of {@link #NAMES} that the tokenizer has
 * @param pad the padding id: the tokenizer's own padding token, else {@code <pad>}, else
 *     DreamLLM's {@code [PAD]}, else
 *     {@code <unk>} (the choice LLaVA-style LLaMA models make, having no pad token), else empty
 * @param source the tokenizer file, for messages
 */
public record SpecialTokens(Map<String, Long> ids, OptionalLong pad, String source) {
  public static final String BOS = "<s>";
  public static final String EOS = "</s>";
  public static final String UNK = "<unk>";
  public static final String PAD = "<pad>";
  /** The pad token DreamLLM adds to Vicuna's tokenizer. */
  public static final String DREAMLLM_PAD = "[PAD]";
  public static final String IMAGE = "<image>";
  public static final String IM_PATCH = "<im_patch>";
  public static final String IM_START = "<im_start>";
  public static final String IM_END = "<im_end>";
  public static final String DREAM = "<dream>";
  public static final String DREAM_PATCH = "<dream_patch>";
  public static final String DREAM_START = "<dream_start>";
  public static final String DREAM_END = "<dream_end>";

  /** Every token this record resolves, in a fixed order. */
  public static final List<String> NAMES = List.of(BOS, EOS, UNK, PAD, DREAMLLM_PAD, IMAGE, IM_PATCH, IM_START,
      IM_END, DREAM, DREAM_PATCH, DREAM_START, DREAM_END);

  public SpecialTokens {
    ids = Collections.unmodifiableMap(new LinkedHashMap<>(ids));
  }

  /**
   * Looks every name up.
   *
   * @param lookup token → id in the tokenizer
   * @param configuredPad the id of the tokenizer's own padding token, if it configures one
   */
  static SpecialTokens resolve(
      Function<String, OptionalLong> lookup, OptionalLong configuredPad, String source) {
    Map<String, Long> ids = new LinkedHashMap<>();
    for (String name : NAMES) {
      lookup.apply(name).ifPresent(id -> ids.put(name, id));
    }
    OptionalLong pad = configuredPad;
    for (String fallback : List.of(PAD, DREAMLLM_PAD, UNK)) {
      if (pad.isEmpty() && ids.containsKey(fallback)) {
        pad = OptionalLong.of(ids.get(fallback));
      }
    }
    return new SpecialTokens(ids, pad, source);
  }

  /** The id of {@code token} (one of {@link #NAMES}), if the tokenizer has it. */
  public OptionalLong find(String token) {
    Long id = ids.get(token);
    return id == null ? OptionalLong.empty() : OptionalLong.of(id);
  }

  /**
   * The id of a token the caller cannot do without.
   *
   * @throws IllegalStateException naming the token, the tokenizer file and the tokens it has
   */
  public long require(String token) {
    Long id = ids.get(token);
    if (id == null) {
      throw new IllegalStateException(
          "the tokenizer " + source + " has no " + token + " token, which this model needs (of"
              + " DreamLLM's special tokens it has " + ids.keySet() + "): use the tokenizer.json"
              + " saved with the model's checkpoint, which adds it");
    }
    return id;
  }

  /**
   * The padding id.
   *
   * @throws IllegalStateException if the tokenizer has neither a padding token nor {@code <unk>}
   */
  public long requirePad() {
    return pad.orElseThrow(() -> new IllegalStateException(
        "the tokenizer " + source + " defines no padding token, no " + PAD + " and no " + UNK
            + ": batches of prompts of different lengths cannot be padded"));
  }
}
