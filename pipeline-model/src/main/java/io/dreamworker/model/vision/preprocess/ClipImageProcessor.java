package io.dreamworker.model.vision.preprocess;

import io.dreamworker.model.image.RgbImage;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.vision.preprocess.ClipImageProcessorConfig.Exact;
import io.dreamworker.model.vision.preprocess.ClipImageProcessorConfig.ShortestEdge;
import java.util.List;

/**
 * transformers' {@code CLIPImageProcessor.preprocess} on PNG or JPEG bytes, in its order: convert
 * to RGB, resize (PIL's antialiased resampling, see {@link PilResampler}), center crop
 * (zero-padding a side that is too short), rescale, normalise, channels first.
 *
 * <p>By default the resize rounds as transformers 5's default (torchvision) processor does, which
 * reproduces the reference fixture exactly; {@link ResampleArithmetic#PIL} reproduces the PIL
 * processor of transformers 4 instead. The two differ by at most one 8-bit step in a few pixels.
 *
 * <p>Thread-safe: it holds only its immutable settings.
 */
public final class ClipImageProcessor {
  private final ClipImageProcessorConfig config;
  private final ImageLimits limits;
  private final ImageDecoder decoder;
  private final ResampleArithmetic arithmetic;
  private final float[] mean;
  private final float[] std;

  /** A processor that resizes as transformers 5's default (torchvision) processor. */
  public ClipImageProcessor(ClipImageProcessorConfig config, ImageLimits limits) {
    this(config, limits, ResampleArithmetic.TORCH_UINT8);
  }

  public ClipImageProcessor(
      ClipImageProcessorConfig config, ImageLimits limits, ResampleArithmetic arithmetic) {
    this.config = config;
    this.limits = limits;
    this.decoder = new ImageDecoder(limits);
    this.arithmetic = arithmetic;
    this.mean = floats(config.imageMean());
    this.std = floats(config.imageStd());
  }

  public ClipImageProcessorConfig config() {
    return config;
  }

  /**
   * Decodes and preprocesses one encoded image.
   *
   * @throws ImageRejectedException if the image is over a limit, not PNG or JPEG, or damaged
   */
  public ImagePixels process(byte[] encoded) throws ImageRejectedException {
    RgbImage image = decoder.decode(encoded);
    String oversize = oversizeAfterResize(image);
    if (oversize != null) {
      throw new ImageRejectedException(ImageRejectedException.Reason.TOO_MANY_PIXELS, oversize);
    }
    return process(image);
  }

  /**
   * Preprocesses an image already decoded.
   *
   * @throws IllegalArgumentException if resizing would make more pixels than the limits allow
   *     (an extreme aspect ratio under a shortest-edge resize)
   */
  public ImagePixels process(RgbImage image) {
    String oversize = oversizeAfterResize(image);
    if (oversize != null) {
      throw new IllegalArgumentException(oversize);
    }
    RgbImage resized = config.doResize() ? resize(image) : image;
    RgbImage cropped = config.doCenterCrop()
        ? centerCrop(resized, config.cropHeight(), config.cropWidth())
        : resized;
    return toPixels(cropped);
  }

  /**
   * Preprocesses a batch into {@code pixel_values} [B, 3, H, W].
   *
   * @throws ImageRejectedException naming the image's position if one is refused
   * @throws IllegalArgumentException if the images end up with different sizes (possible only
   *     without center crop)
   */
  public NDArray batch(List<byte[]> images, NDManager manager) throws ImageRejectedException {
    if (images.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one image");
    }
    ImagePixels first = null;
    float[] values = null;
    for (int i = 0; i < images.size(); i++) {
      ImagePixels p;
      try {
        p = process(images.get(i));
      } catch (ImageRejectedException e) {
        throw new ImageRejectedException(e.reason(), "image " + i + ": " + e.getMessage(), e);
      }
      if (first == null) {
        first = p;
        values = new float[images.size() * p.chw().length];
      } else if (p.height() != first.height() || p.width() != first.width()) {
        throw new IllegalArgumentException(
            "image " + i + " preprocesses to " + p.height() + " x " + p.width() + " but image 0 to "
                + first.height() + " x " + first.width() + ": enable do_center_crop to batch them");
      }
      System.arraycopy(p.chw(), 0, values, i * p.chw().length, p.chw().length);
    }
    return manager.create(values, new Shape(images.size(), 3, first.height(), first.width()));
  }

  /**
   * transformers' {@code get_resize_output_image_size} (no {@code max_size}): the short side
   * becomes the target, the long one {@code int(target * long / short)}, truncated.
   *
   * @return {height, width}
   */
  int[] resizedSize(int height, int width) {
    return switch (config.size()) {
      case Exact e -> new int[] {e.height(), e.width()};
      case ShortestEdge s -> {
        int shortSide = Math.min(width, height);
        int longSide = Math.max(width, height);
        int newLong = (int) ((double) ((long) s.size() * longSide) / shortSide);
        yield width <= height ? new int[] {newLong, s.size()} : new int[] {s.size(), newLong};
      }
    };
  }

  /**
   * Why resizing {@code image} would exceed the pixel limit, or {@code null}: a shortest-edge
   * resize of a 1 × 8192 strip to 224 would make a 224 × 1835008 image.
   */
  private String oversizeAfterResize(RgbImage image) {
    if (!config.doResize()) {
      return null;
    }
    int[] size = resizedSize(image.height(), image.width());
    long pixels = (long) size[0] * size[1];
    if (pixels <= limits.maxPixels()) {
      return null;
    }
    return "image of " + image.width() + " x " + image.height() + " would be resized to "
        + size[1] + " x " + size[0] + " = " + pixels + " pixels (" + config.size()
        + "), over the limit of " + limits.maxPixels() + " pixels";
  }

  private RgbImage resize(RgbImage image) {
    int[] size = resizedSize(image.height(), image.width());
    return PilResampler.resize(image, size[1], size[0], config.resample(), arithmetic);
  }

  /**
   * transformers' {@code center_crop}: the top-left corner at {@code (h - crop) // 2} (floor),
   * and where the image is smaller than the crop, zero padding split with the extra pixel on the
   * bottom/right side.
   */
  static RgbImage centerCrop(RgbImage image, int cropHeight, int cropWidth) {
    int h = image.height();
    int w = image.width();
    if (h == cropHeight && w == cropWidth) {
      return image;
    }
    // transformers pads by ceil(missing / 2) before the top/left side and then crops from
    // (h - crop) // 2 shifted by that padding; since floor(-m / 2) = -ceil(m / 2), source row y + top
    // is the output row y in every case, and rows outside the image are the zero padding.
    int top = Math.floorDiv(h - cropHeight, 2);
    int left = Math.floorDiv(w - cropWidth, 2);
    byte[] src = image.rgb();
    byte[] dst = new byte[cropHeight * cropWidth * 3];
    int x0 = Math.max(0, -left);
    int x1 = Math.min(cropWidth, w - left);
    for (int y = 0; y < cropHeight; y++) {
      int sy = y + top;
      if (sy >= 0 && sy < h && x1 > x0) {
        System.arraycopy(src, (sy * w + x0 + left) * 3, dst, (y * cropWidth + x0) * 3, (x1 - x0) * 3);
      }
    }
    return new RgbImage(cropWidth, cropHeight, dst);
  }

  private ImagePixels toPixels(RgbImage image) {
    int h = image.height();
    int w = image.width();
    int plane = h * w;
    float[] chw = new float[3 * plane];
    byte[] rgb = image.rgb();
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < plane; i++) {
        int v = rgb[i * 3 + c] & 0xFF;
        // transformers rescales in float64 then stores float32, and normalises in float32.
        float x = config.doRescale() ? (float) (v * config.rescaleFactor()) : v;
        chw[c * plane + i] = config.doNormalize() ? (x - mean[c]) / std[c] : x;
      }
    }
    return new ImagePixels(h, w, chw);
  }

  private static float[] floats(double[] values) {
    float[] f = new float[values.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }
}
