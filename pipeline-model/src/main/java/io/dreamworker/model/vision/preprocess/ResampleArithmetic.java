package io.dreamworker.model.vision.preprocess;

/**
 * The fixed-point arithmetic of an 8-bit separable resize. Both libraries run PIL's algorithm
 * (same kernels, supports and taps, horizontal pass then vertical, each pass rounded to 8 bits);
 * they differ only in how finely the weights are quantised, which moves an occasional output
 * value by one step.
 */
public enum ResampleArithmetic {
  /**
   * Pillow's {@code ImagingResample}: weights with 22 fractional bits. What transformers' slow
   * (PIL) image processors compute, the default before transformers 5, and what DreamLLM's own
   * preprocessing ran on.
   */
  PIL,
  /**
   * PyTorch's antialiased uint8 kernel ({@code _upsample_bicubic2d_aa} and bilinear): int16
   * weights with as many fractional bits as the largest weight allows. What torchvision's resize
   * of a uint8 tensor computes, so what transformers 5's default (torchvision) CLIP image
   * processor returns, and what the reference fixtures were made with.
   */
  TORCH_UINT8;

  /** The fractional bits of the weights, given the largest normalised weight of a pass. */
  int precisionBits(double largestWeight) {
    if (this == PIL) {
      return 22;
    }
    // As torch: the largest precision whose doubled largest weight still fits in an int16.
    int bits = 0;
    while (bits < 22 && (int) (0.5 + largestWeight * (1 << (bits + 1))) < (1 << 15)) {
      bits++;
    }
    return bits;
  }
}
