package io.dreamworker.model.vision.preprocess;

import io.dreamworker.model.image.RgbImage;

import io.dreamworker.model.vision.preprocess.ImageRejectedException.Reason;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes PNG and JPEG bytes into 8-bit RGB the way PIL's {@code Image.open(...).convert("RGB")}
 * does, which is what transformers' {@code convert_rgb} calls: grayscale is replicated to three
 * channels, palettes are expanded, and alpha is dropped without compositing.
 *
 * <p>Everything that can be refused is refused before pixels are decoded: the byte count first,
 * then the format from the leading bytes, then the width and height declared in the header (read
 * by ImageIO's {@code ImageReader.getWidth(0)}, which parses only the header).
 *
 * <p>Samples deeper than 8 bits keep their high byte (PIL does so for 16-bit RGB; for 16-bit
 * grayscale PIL clips the raw value to 255 instead, which whitens the image, and this decoder does
 * not follow it there). Samples of 1, 2 or 4 bits are stretched to 0..255 as PIL unpacks them.
 * EXIF orientation is not applied, as PIL's {@code convert} does not apply it.
 */
public final class ImageDecoder {
  private final ImageLimits limits;

  public ImageDecoder(ImageLimits limits) {
    this.limits = limits;
  }

  /** The formats accepted, detected from their signatures. */
  public enum Format {
    PNG("png"),
    JPEG("jpeg");

    private final String imageIoName;

    Format(String imageIoName) {
      this.imageIoName = imageIoName;
    }
  }

  /**
   * What an image's header declares.
   *
   * @param format the detected format
   * @param width declared width in pixels
   * @param height declared height in pixels
   */
  public record Header(Format format, int width, int height) {}

  /**
   * Reads the format and declared size, checking every limit, without decoding pixels.
   *
   * @throws ImageRejectedException if the bytes are over the limit, not PNG or JPEG, the header is
   *     unreadable, or the declared size is over a limit
   */
  public Header inspect(byte[] bytes) throws ImageRejectedException {
    Format format = checkBytesAndFormat(bytes);
    ImageReader reader = readerFor(format);
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      return readHeader(reader, format);
    } catch (IOException e) {
      throw corrupt(format, "cannot read the header", e);
    } finally {
      reader.dispose();
    }
  }

  /**
   * Decodes an image into RGB after {@link #inspect(byte[]) the checks}.
   *
   * @throws ImageRejectedException as {@link #inspect(byte[])}, or if the pixel data is damaged
   *     (including a truncated JPEG, which ImageIO reports only as a warning and PIL refuses), or in
   *     a colour model other than grayscale, RGB or a palette (CMYK JPEGs)
   */
  public RgbImage decode(byte[] bytes) throws ImageRejectedException {
    Format format = checkBytesAndFormat(bytes);
    ImageReader reader = readerFor(format);
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      Header header = readHeader(reader, format);
      List<String> warnings = new ArrayList<>();
      reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
      BufferedImage image;
      try {
        image = reader.read(0);
      } catch (IIOException e) {
        if (String.valueOf(e.getMessage()).contains("Unsupported Image Type")) {
          throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT,
              format + " image in a colour space other than grayscale or RGB (CMYK?) is not"
                  + " supported: convert it to RGB", e);
        }
        throw corrupt(format, "cannot decode the pixels", e);
      } catch (RuntimeException e) {
        throw corrupt(format, "cannot decode the pixels", e);
      }
      if (!warnings.isEmpty()) {
        throw new ImageRejectedException(Reason.CORRUPT,
            format + " data is damaged: " + String.join("; ", warnings));
      }
      if (image.getWidth() != header.width() || image.getHeight() != header.height()) {
        throw new ImageRejectedException(Reason.CORRUPT,
            format + " decoded to " + image.getWidth() + " x " + image.getHeight()
                + " but its header declares " + header.width() + " x " + header.height());
      }
      return toRgb(image, format);
    } catch (IOException e) {
      throw corrupt(format, "cannot read the data", e);
    } finally {
      reader.dispose();
    }
  }

  private Format checkBytesAndFormat(byte[] bytes) throws ImageRejectedException {
    if (bytes.length > limits.maxBytes()) {
      throw new ImageRejectedException(Reason.TOO_MANY_BYTES,
          "image is " + bytes.length + " bytes, over the limit of " + limits.maxBytes() + " bytes");
    }
    if (startsWith(bytes, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Format.PNG;
    }
    if (startsWith(bytes, 0xFF, 0xD8, 0xFF)) {
      return Format.JPEG;
    }
    throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT,
        (bytes.length == 0 ? "image is empty" : "image is " + describe(bytes))
            + ": only PNG and JPEG are accepted");
  }

  private Header readHeader(ImageReader reader, Format format) throws ImageRejectedException {
    int width;
    int height;
    try {
      width = reader.getWidth(0);
      height = reader.getHeight(0);
    } catch (IOException | RuntimeException e) {
      throw corrupt(format, "cannot read the header", e);
    }
    if (width <= 0 || height <= 0) {
      throw new ImageRejectedException(Reason.CORRUPT,
          format + " header declares an empty image of " + width + " x " + height);
    }
    int longest = Math.max(width, height);
    if (longest > limits.maxSide()) {
      throw new ImageRejectedException(Reason.SIDE_TOO_LONG,
          format + " image declares " + width + " x " + height + " pixels: its "
              + (width >= height ? "width " : "height ") + longest
              + " exceeds the limit of " + limits.maxSide() + " pixels per side");
    }
    long pixels = (long) width * height;
    if (pixels > limits.maxPixels()) {
      throw new ImageRejectedException(Reason.TOO_MANY_PIXELS,
          format + " image declares " + width + " x " + height + " = " + pixels
              + " pixels, over the limit of " + limits.maxPixels() + " pixels");
    }
    return new Header(format, width, height);
  }

  private static RgbImage toRgb(BufferedImage image, Format format) throws ImageRejectedException {
    int w = image.getWidth();
    int h = image.getHeight();
    Raster raster = image.getRaster();
    ColorModel model = image.getColorModel();
    byte[] rgb = new byte[w * h * 3];
    int[] row = new int[w];
    if (model instanceof IndexColorModel palette) {
      for (int y = 0; y < h; y++) {
        raster.getSamples(0, y, w, 1, 0, row);
        for (int x = 0; x < w; x++) {
          int o = (y * w + x) * 3;
          rgb[o] = (byte) palette.getRed(row[x]);
          rgb[o + 1] = (byte) palette.getGreen(row[x]);
          rgb[o + 2] = (byte) palette.getBlue(row[x]);
        }
      }
      return new RgbImage(w, h, rgb);
    }
    int colors = model.getNumColorComponents();
    int space = model.getColorSpace().getType();
    boolean gray = colors == 1 && space == ColorSpace.TYPE_GRAY;
    if (!gray && !(colors == 3 && space == ColorSpace.TYPE_RGB)) {
      throw new ImageRejectedException(Reason.UNSUPPORTED_FORMAT,
          format + " image has " + colors + " colour components in colour space type " + space
              + ", neither grayscale nor RGB: convert it to RGB");
    }
    // Bands follow the colour space's component order (R, G, B, then alpha, which is dropped).
    for (int c = 0; c < 3; c++) {
      int band = gray ? 0 : c;
      int bits = raster.getSampleModel().getSampleSize(band);
      for (int y = 0; y < h; y++) {
        raster.getSamples(0, y, w, 1, band, row);
        for (int x = 0; x < w; x++) {
          rgb[(y * w + x) * 3 + c] = (byte) to8Bits(row[x], bits);
        }
      }
    }
    return new RgbImage(w, h, rgb);
  }

  private static int to8Bits(int sample, int bits) {
    if (bits == 8) {
      return sample;
    }
    if (bits > 8) {
      return sample >>> (bits - 8);
    }
    return sample * 255 / ((1 << bits) - 1);
  }

  private static ImageReader readerFor(Format format) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName);
    if (!readers.hasNext()) {
      throw new IllegalStateException("this JVM has no ImageIO reader for " + format);
    }
    return readers.next();
  }

  private static ImageRejectedException corrupt(Format format, String what, Exception e) {
    return new ImageRejectedException(Reason.CORRUPT,
        format + " data is corrupt: " + what + " (" + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
  }

  private static boolean startsWith(byte[] bytes, int... signature) {
    if (bytes.length < signature.length) {
      return false;
    }
    for (int i = 0; i < signature.length; i++) {
      if ((bytes[i] & 0xFF) != signature[i]) {
        return false;
      }
    }
    return true;
  }

  private static String describe(byte[] bytes) {
    String kind;
    if (startsWith(bytes, 'G', 'I', 'F', '8')) {
      kind = "GIF";
    } else if (startsWith(bytes, 'B', 'M')) {
      kind = "BMP";
    } else if (bytes.length >= 12 && startsWith(bytes, 'R', 'I', 'F', 'F')
        && bytes[8] == 'W' && bytes[9] == 'E' && bytes[10] == 'B' && bytes[11] == 'P') {
      kind = "WebP";
    } else if (startsWith(bytes, 'I', 'I', 42, 0) || startsWith(bytes, 'M', 'M', 0, 42)) {
      kind = "TIFF";
    } else {
      kind = "of an unknown format";
    }
    StringBuilder head = new StringBuilder();
    for (int i = 0; i < Math.min(8, bytes.length); i++) {
      head.append(String.format(Locale.ROOT, i == 0 ? "%02x" : " %02x", bytes[i] & 0xFF));
    }
    return kind + " (first bytes " + head + ")";
  }
}
