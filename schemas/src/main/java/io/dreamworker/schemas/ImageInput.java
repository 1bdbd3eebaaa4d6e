package io.dreamworker.schemas;

/** An input image of a job: an S3 object or inline base64 (schema: common {@code imageInput}). */
public sealed interface ImageInput {

  /** An object in a bucket the worker allows, as {@code s3://bucket/key}. */
  record S3Uri(String uri) implements ImageInput {
    public S3Uri {
      if (uri == null || !uri.startsWith("s3://")) {
        throw new IllegalArgumentException("s3_uri must be s3://bucket/key, got " + uri);
      }
    }
  }

  /** The image file (PNG or JPEG) in standard base64. */
  record Base64(String base64) implements ImageInput {
    public Base64 {
      if (base64 == null) {
        throw new IllegalArgumentException("base64 must not be null");
      }
    }

    /** The image file's bytes. */
    public byte[] bytes() {
      return java.util.Base64.getDecoder().decode(base64);
    }

    /** The base64 of an image file. */
    public static Base64 of(byte[] image) {
      return new Base64(java.util.Base64.getEncoder().encodeToString(image));
    }
  }
}
