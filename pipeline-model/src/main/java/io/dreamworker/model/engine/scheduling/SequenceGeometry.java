package io.dreamworker.model.engine.scheduling;

/**
 * How many KV-cache positions the model spends on one image and on one dream-query pass: the
 * model facts that turn a request's size into its worst-case cache footprint.
 *
 * @param imagePositions positions of one image fed to the LLM: {@code <im_start>}, the patch
 *     features, {@code <im_end>} (DreamLLM with CLIP ViT-L/14 at 224 px: 1 + 256 + 1)
 * @param dreamPositions positions of one dream-query pass: {@code <dream_start>}, the learned
 *     queries, {@code <dream_end>} (DreamLLM: 1 + 64 + 1)
 */
public record SequenceGeometry(int imagePositions, int dreamPositions) {

  /** DreamLLM at its released size. */
  public static final SequenceGeometry DREAMLLM = of(256, 64);

  public SequenceGeometry {
    if (imagePositions < 1 || dreamPositions < 1) {
      throw new IllegalArgumentException("imagePositions and dreamPositions must be positive, got "
          + imagePositions + " and " + dreamPositions + "; use SequenceGeometry.of(patches, queries)");
    }
  }

  /** The geometry of a model with {@code imagePatches} CLIP patches and {@code dreamQueries} queries. */
  public static SequenceGeometry of(int imagePatches, int dreamQueries) {
    return new SequenceGeometry(imagePatches + 2, dreamQueries + 2);
  }
}
