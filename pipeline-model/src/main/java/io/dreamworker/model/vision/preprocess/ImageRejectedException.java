package io.dreamworker.model.vision.preprocess;

/**
 * An input image that the preprocessor refuses: too large (in bytes, per side or in pixels, all
 * checked before any pixel is decoded), in a format other than PNG or JPEG, or not decodable. The
 * message names the value and the limit or what is wrong; {@link #reason()} lets a caller map the
 * refusal to its own error codes.
 */
public final class ImageRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why an image was refused. */
  public enum Reason {
    /** More bytes than {@link ImageLimits#maxBytes()}. */
    TOO_MANY_BYTES,
    /** A declared side longer than {@link ImageLimits#maxSide()}. */
    SIDE_TOO_LONG,
    /** More declared pixels than {@link ImageLimits#maxPixels()}. */
    TOO_MANY_PIXELS,
    /** Neither PNG nor JPEG, or a colour type the preprocessor does not convert (CMYK). */
    UNSUPPORTED_FORMAT,
    /** Truncated or malformed data. */
    CORRUPT
  }

  private final Reason reason;

  public ImageRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public ImageRejectedException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
