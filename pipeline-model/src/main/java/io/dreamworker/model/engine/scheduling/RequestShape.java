package io.dreamworker.model.engine.scheduling;

/**
 * The size of a request as declared at submit: enough to reserve its worst-case KV cache and to
 * know the most rows one piece of its work can occupy at each stage. The runner may use less,
 * never more; the scheduler rejects work beyond it.
 *
 * @param promptTokens text tokens of the prompt, special tokens included, image spans excluded
 * @param inputImages images given with the prompt, each encoded by CLIP and spliced into the prompt
 * @param maxNewTokens the most tokens the request may decode ({@code <dream>} tokens included)
 * @param maxGeneratedImages the most images it may dream (0 for a caption, 1 for text-to-image)
 * @param guidance whether its denoising runs with classifier-free guidance (a pair of rows)
 * @param negativePromptTokens tokens of a negative prompt whose dream-query pass the runner must
 *     compute beside the request's own (a second DREAM row); 0 without guidance or when the
 *     runner serves a fixed negative prompt from its cache
 */
public record RequestShape(
    int promptTokens,
    int inputImages,
    int maxNewTokens,
    int maxGeneratedImages,
    boolean guidance,
    int negativePromptTokens) {

  public RequestShape {
    if (promptTokens < 0 || inputImages < 0 || maxNewTokens < 0 || maxGeneratedImages < 0
        || negativePromptTokens < 0) {
      throw new IllegalArgumentException("request sizes cannot be negative, got promptTokens "
          + promptTokens + ", inputImages " + inputImages + ", maxNewTokens " + maxNewTokens
          + ", maxGeneratedImages " + maxGeneratedImages + ", negativePromptTokens "
          + negativePromptTokens);
    }
    if (promptTokens + inputImages == 0) {
      throw new IllegalArgumentException("a request needs a prompt or an input image, got neither");
    }
    if (negativePromptTokens > 0 && !guidance) {
      throw new IllegalArgumentException("negativePromptTokens " + negativePromptTokens
          + " needs guidance; enable guidance or drop the negative prompt");
    }
    if (maxGeneratedImages == 0 && guidance) {
      throw new IllegalArgumentException(
          "guidance applies to generated images, but maxGeneratedImages is 0; disable guidance");
    }
  }

  /** An image and an instruction to text: no image is generated. */
  public static RequestShape caption(int promptTokens, int inputImages, int maxNewTokens) {
    return new RequestShape(promptTokens, inputImages, maxNewTokens, 0, false, 0);
  }

  /** A prompt to one image; one new token is the {@code <dream>} that starts it. */
  public static RequestShape textToImage(int promptTokens, boolean guidance, int negativePromptTokens) {
    return new RequestShape(promptTokens, 0, 1, 1, guidance, negativePromptTokens);
  }

  /** A prompt (and images) to a document of text and up to {@code maxGeneratedImages} images. */
  public static RequestShape interleaved(int promptTokens, int inputImages, int maxNewTokens,
      int maxGeneratedImages, boolean guidance, int negativePromptTokens) {
    return new RequestShape(promptTokens, inputImages, maxNewTokens, maxGeneratedImages, guidance,
        negativePromptTokens);
  }

  /**
   * The most positions the request's own KV cache can hold: prompt + new tokens + an image span per
   * input and generated image + a dream span per generated image.
   */
  public long ownCacheTokens(SequenceGeometry geometry) {
    return (long) promptTokens + maxNewTokens
        + (long) geometry.imagePositions() * (inputImages + maxGeneratedImages)
        + (long) geometry.dreamPositions() * maxGeneratedImages;
  }

  /**
   * Positions of the negative prompt's cache, alive during its dream-query passes: its tokens and
   * one dream span; 0 when the runner needs no second DREAM row.
   */
  public long negativeCacheTokens(SequenceGeometry geometry) {
    return negativePromptTokens == 0 ? 0 : (long) negativePromptTokens + geometry.dreamPositions();
  }

  /** The worst-case KV footprint reserved at admission: own cache plus negative prompt's cache. */
  public long kvFootprintTokens(SequenceGeometry geometry) {
    return ownCacheTokens(geometry) + negativeCacheTokens(geometry);
  }

  /** The most rows one piece of this request's work occupies at {@code stage}; 0 if it never goes there. */
  public int maxRows(Stage stage) {
    boolean dreams = maxGeneratedImages > 0;
    return switch (stage) {
      case VISION -> Math.max(inputImages, dreams ? 1 : 0);
      case PREFILL -> 1;
      case DECODE -> maxNewTokens > 0 ? 1 : 0;
      case DREAM -> dreams ? (negativePromptTokens > 0 ? 2 : 1) : 0;
      case DIFFUSION -> dreams ? (guidance ? 2 : 1) : 0;
      case VAE_DECODE -> dreams ? 1 : 0;
    };
  }

  /** A one-line account of the footprint, for messages. */
  String describeFootprint(SequenceGeometry geometry) {
    return promptTokens + " prompt + " + maxNewTokens + " new + "
        + (inputImages + maxGeneratedImages) + " image(s) x " + geometry.imagePositions() + " + "
        + maxGeneratedImages + " dream(s) x " + geometry.dreamPositions()
        + (negativePromptTokens == 0 ? "" : " + negative prompt " + negativeCacheTokens(geometry));
  }
}
