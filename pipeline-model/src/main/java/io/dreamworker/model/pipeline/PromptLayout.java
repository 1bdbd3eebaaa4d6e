package io.dreamworker.model.pipeline;

import io.dreamworker.model.text.DreamTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * How a prompt enters the LLM: BOS, then the text's tokens, with each {@code <image>} placeholder
 * replaced by an image span ({@code <im_start>} + projected CLIP features + {@code <im_end>}),
 * the way DreamLLM splices images into its prompts. Shared by the sequential pipeline and the
 * engine so that both feed the model the same positions.
 */
public final class PromptLayout {
  /** The placeholder a prompt writes where an input image goes. */
  public static final String IMAGE_PLACEHOLDER = "<image>";

  private PromptLayout() {}

  /** One run of the prompt. */
  public sealed interface Part {}

  /** Token ids, in order. */
  public record Tokens(long[] ids) implements Part {}

  /** The span of the {@code index}-th input image. */
  public record Image(int index) implements Part {}

  /**
   * The parts of a prompt.
   *
   * @throws IllegalArgumentException if the placeholders and the images differ in number
   */
  public static List<Part> of(DreamTokenizer tokenizer, long bos, String text, int images) {
    String[] pieces = text.split(IMAGE_PLACEHOLDER, -1);
    if (pieces.length - 1 != images) {
      throw new IllegalArgumentException("the prompt has " + (pieces.length - 1) + " " + IMAGE_PLACEHOLDER
          + " placeholders but " + images + " images were given");
    }
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < pieces.length; i++) {
      long[] ids = tokenizer.encode(pieces[i]);
      if (i == 0) {
        long[] withBos = new long[ids.length + 1];
        withBos[0] = bos;
        System.arraycopy(ids, 0, withBos, 1, ids.length);
        ids = withBos;
      }
      if (ids.length > 0) {
        parts.add(new Tokens(ids));
      }
      if (i < images) {
        parts.add(new Image(i));
      }
    }
    return parts;
  }

  /** The number of text tokens of the parts (image spans excluded). */
  public static int tokenCount(List<Part> parts) {
    return parts.stream().mapToInt(p -> p instanceof Tokens t ? t.ids().length : 0).sum();
  }
}
