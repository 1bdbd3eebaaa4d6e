package io.dreamworker.model.vision.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * transformers' {@code CLIPImageProcessor} settings, read from a {@code preprocessor_config.json}
 * by its own field names. Absent fields take the processor's defaults, OpenAI CLIP's: shortest
 * edge 224 with bicubic resampling, a 224 × 224 center crop, rescale by 1/255 and CLIP's mean and
 * standard deviation.
 *
 * @param doConvertRgb {@code do_convert_rgb}; decoding always yields RGB (PNG and JPEG need a
 *     channel layout chosen, and the vision tower takes three channels), so {@code false} changes
 *     nothing for RGB inputs and grayscale or RGBA inputs are still converted
 * @param doResize {@code do_resize}
 * @param size {@code size}: {@code {"shortest_edge": n}} (or a bare number, as old CLIP configs
 *     write it) or {@code {"height": h, "width": w}}
 * @param resample {@code resample}, a PIL filter code (3 = bicubic)
 * @param doCenterCrop {@code do_center_crop}
 * @param cropHeight {@code crop_size.height}
 * @param cropWidth {@code crop_size.width}
 * @param doRescale {@code do_rescale}
 * @param rescaleFactor {@code rescale_factor}
 * @param doNormalize {@code do_normalize}
 * @param imageMean {@code image_mean}, one per channel (R, G, B)
 * @param imageStd {@code image_std}, one per channel
 */
public record ClipImageProcessorConfig(
    boolean doConvertRgb,
    boolean doResize,
    ResizeTarget size,
    ResampleFilter resample,
    boolean doCenterCrop,
    int cropHeight,
    int cropWidth,
    boolean doRescale,
    double rescaleFactor,
    boolean doNormalize,
    double[] imageMean,
    double[] imageStd) {

  /** transformers' {@code OPENAI_CLIP_MEAN}. */
  public static final double[] OPENAI_CLIP_MEAN = {0.48145466, 0.4578275, 0.40821073};

  /** transformers' {@code OPENAI_CLIP_STD}. */
  public static final double[] OPENAI_CLIP_STD = {0.26862954, 0.26130258, 0.27577711};

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What {@code size} asks the resize for. */
  public sealed interface ResizeTarget {}

  /** Scale so that the shorter side becomes {@code size}, keeping the aspect ratio. */
  public record ShortestEdge(int size) implements ResizeTarget {}

  /** Resize to exactly {@code height} × {@code width}. */
  public record Exact(int height, int width) implements ResizeTarget {}

  /**
   * @throws IllegalArgumentException naming the field and value when a size is not positive, the
   *     mean or std does not have three values, a std is zero, or the rescale factor is not
   *     positive
   */
  public ClipImageProcessorConfig {
    imageMean = imageMean.clone();
    imageStd = imageStd.clone();
    switch (size) {
      case ShortestEdge s -> positive("size.shortest_edge", s.size());
      case Exact e -> {
        positive("size.height", e.height());
        positive("size.width", e.width());
      }
    }
    positive("crop_size.height", cropHeight);
    positive("crop_size.width", cropWidth);
    if (!(rescaleFactor > 0)) {
      throw new IllegalArgumentException(
          "rescale_factor is " + rescaleFactor + " but must be positive (1/255 for 8-bit images)");
    }
    if (imageMean.length != 3 || imageStd.length != 3) {
      throw new IllegalArgumentException(
          "image_mean and image_std need one value per RGB channel, got " + imageMean.length
              + " and " + imageStd.length + " values");
    }
    for (double s : imageStd) {
      if (s == 0) {
        throw new IllegalArgumentException("image_std has a zero, which would divide by zero");
      }
    }
  }

  /** The defaults, OpenAI CLIP's. */
  public static ClipImageProcessorConfig defaults() {
    return new ClipImageProcessorConfig(true, true, new ShortestEdge(224), ResampleFilter.BICUBIC,
        true, 224, 224, true, 1 / 255.0, true, OPENAI_CLIP_MEAN, OPENAI_CLIP_STD);
  }

  /** Reads the fields of a {@code preprocessor_config.json}. */
  public static ClipImageProcessorConfig fromJson(JsonNode json) {
    ClipImageProcessorConfig d = defaults();
    JsonNode crop = json.path("crop_size");
    int cropHeight = crop.isNumber() ? crop.asInt() : crop.path("height").asInt(d.cropHeight());
    int cropWidth = crop.isNumber() ? crop.asInt() : crop.path("width").asInt(d.cropWidth());
    return new ClipImageProcessorConfig(
        json.path("do_convert_rgb").asBoolean(d.doConvertRgb()),
        json.path("do_resize").asBoolean(d.doResize()),
        json.has("size") ? parseSize(json.get("size")) : d.size(),
        json.has("resample")
            ? ResampleFilter.fromPilCode(json.get("resample").asInt())
            : d.resample(),
        json.path("do_center_crop").asBoolean(d.doCenterCrop()),
        cropHeight,
        cropWidth,
        json.path("do_rescale").asBoolean(d.doRescale()),
        json.path("rescale_factor").asDouble(d.rescaleFactor()),
        json.path("do_normalize").asBoolean(d.doNormalize()),
        json.has("image_mean") ? doubles(json.get("image_mean"), "image_mean") : d.imageMean(),
        json.has("image_std") ? doubles(json.get("image_std"), "image_std") : d.imageStd());
  }

  /** Reads {@code preprocessor_config.json}. */
  public static ClipImageProcessorConfig fromFile(Path json) throws IOException {
    return fromJson(JSON.readTree(Files.readString(json)));
  }

  @Override
  public double[] imageMean() {
    return imageMean.clone();
  }

  @Override
  public double[] imageStd() {
    return imageStd.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClipImageProcessorConfig c
        && doConvertRgb == c.doConvertRgb
        && doResize == c.doResize
        && size.equals(c.size)
        && resample == c.resample
        && doCenterCrop == c.doCenterCrop
        && cropHeight == c.cropHeight
        && cropWidth == c.cropWidth
        && doRescale == c.doRescale
        && Double.compare(rescaleFactor, c.rescaleFactor) == 0
        && doNormalize == c.doNormalize
        && Arrays.equals(imageMean, c.imageMean)
        && Arrays.equals(imageStd, c.imageStd);
  }

  @Override
  public int hashCode() {
    return Objects.hash(doConvertRgb, doResize, size, resample, doCenterCrop, cropHeight, cropWidth,
        doRescale, rescaleFactor, doNormalize, Arrays.hashCode(imageMean), Arrays.hashCode(imageStd));
  }

  @Override
  public String toString() {
    return "ClipImageProcessorConfig[doConvertRgb=" + doConvertRgb + ", doResize=" + doResize
        + ", size=" + size + ", resample=" + resample + ", doCenterCrop=" + doCenterCrop
        + ", crop=" + cropHeight + "x" + cropWidth + ", doRescale=" + doRescale
        + ", rescaleFactor=" + rescaleFactor + ", doNormalize=" + doNormalize
        + ", imageMean=" + Arrays.toString(imageMean) + ", imageStd=" + Arrays.toString(imageStd)
        + "]";
  }

  private static ResizeTarget parseSize(JsonNode size) {
    if (size.isNumber()) {
      // CLIPImageProcessor reads a bare number with default_to_square=False: the shortest edge.
      return new ShortestEdge(size.asInt());
    }
    if (size.has("shortest_edge") && !size.has("longest_edge")) {
      return new ShortestEdge(size.get("shortest_edge").asInt());
    }
    if (size.has("height") && size.has("width")) {
      return new Exact(size.get("height").asInt(), size.get("width").asInt());
    }
    throw new IllegalArgumentException(
        "size " + size + " is not supported: use {\"shortest_edge\": n} or"
            + " {\"height\": h, \"width\": w}");
  }

  private static double[] doubles(JsonNode array, String field) {
    if (array.isNumber()) {
      // A single number applies to every channel, as transformers' normalize broadcasts it.
      return new double[] {array.asDouble(), array.asDouble(), array.asDouble()};
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException(field + " must be a number or a list, got " + array);
    }
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }

  private static void positive(String field, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " is " + value + " but must be positive");
    }
  }
}
