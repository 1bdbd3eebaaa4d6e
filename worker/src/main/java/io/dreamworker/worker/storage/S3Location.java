package io.dreamworker.worker.storage;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An S3 object's address, written {@code s3://bucket/key}.
 *
 * <p>Parsing is strict on purpose: a URI that a person mistyped ({@code S3://}, {@code s3:/bucket},
 * no key, a key with spaces) is refused with a message saying what is wrong, rather than becoming a
 * request for an object that happens not to exist. The rules are the job schema's ({@code s3_uri}) and
 * S3's own bucket naming rules; a key must not start with {@code /}, which in {@code s3://bucket//key}
 * is almost always a doubled slash rather than an intended key.
 *
 * @param bucket a valid bucket name
 * @param key 1 to {@value #MAX_KEY_BYTES} bytes of UTF-8, no whitespace or control characters
 */
public record S3Location(String bucket, String key) {

  /** The URI scheme, with its separator. */
  public static final String SCHEME = "s3://";
  /** S3's limit on a key's length in UTF-8 bytes. */
  public static final int MAX_KEY_BYTES = 1024;

  /** Bucket names: 3 to 63 lower-case letters, digits, dots and hyphens, a letter or digit at each end. */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  /** S3 refuses bucket names that look like an IPv4 address. */
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  public S3Location {
    if (bucket == null || key == null) {
      throw new IllegalArgumentException("bucket and key must not be null, got " + bucket + " and " + key);
    }
    bucketProblem(bucket).ifPresent(problem -> {
      throw new IllegalArgumentException("'" + bucket + "' is not an S3 bucket name: " + problem);
    });
    keyProblem(key).ifPresent(problem -> {
      throw new IllegalArgumentException("'" + key + "' is not a valid object key: " + problem);
    });
  }

  /**
   * Parses {@code s3://bucket/key}.
   *
   * @throws IllegalArgumentException naming the URI and what is wrong with it
   */
  public static S3Location parse(String uri) {
    if (uri == null) {
      throw new IllegalArgumentException("an S3 URI must not be null");
    }
    if (!uri.startsWith(SCHEME)) {
      throw new IllegalArgumentException("'" + uri + "' is not an S3 URI: it must start with s3:// (lower case), "
          + "as in s3://bucket/key");
    }
    String rest = uri.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("'" + uri + "' has no object key: write s3://bucket/key");
    }
    String bucket = rest.substring(0, slash);
    String key = rest.substring(slash + 1);
    Optional<String> bucketProblem = bucketProblem(bucket);
    if (bucketProblem.isPresent()) {
      throw new IllegalArgumentException("'" + uri + "' names no valid bucket: " + bucketProblem.get());
    }
    Optional<String> keyProblem = keyProblem(key);
    if (keyProblem.isPresent()) {
      throw new IllegalArgumentException("'" + uri + "' has no valid object key: " + keyProblem.get());
    }
    return new S3Location(bucket, key);
  }

  /** {@code s3://bucket/key}; {@link #parse} reads it back to an equal location. */
  public String uri() {
    return SCHEME + bucket + "/" + key;
  }

  @Override
  public String toString() {
    return uri();
  }

  /** What is wrong with a bucket name, or empty if it is a valid one. */
  static Optional<String> bucketProblem(String bucket) {
    if (bucket.isEmpty()) {
      return Optional.of("the bucket name is empty");
    }
    if (!BUCKET.matcher(bucket).matches()) {
      return Optional.of("bucket names are 3 to 63 lower-case letters, digits, '.' and '-', starting and ending "
          + "with a letter or digit");
    }
    if (bucket.contains("..")) {
      return Optional.of("bucket names must not contain '..'");
    }
    if (IPV4.matcher(bucket).matches()) {
      return Optional.of("bucket names must not look like an IP address");
    }
    return Optional.empty();
  }

  /** What is wrong with an object key, or empty if it is one this worker reads and writes. */
  static Optional<String> keyProblem(String key) {
    if (key.isEmpty()) {
      return Optional.of("the key is empty");
    }
    if (key.startsWith("/")) {
      return Optional.of("the key starts with '/' (a doubled slash after the bucket?)");
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      return Optional.of("the key is longer than " + MAX_KEY_BYTES + " bytes of UTF-8");
    }
    for (int i = 0; i < key.length(); ) {
      int c = key.codePointAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
        return Optional.of("the key has whitespace or a control character at index " + i);
      }
      if (Character.isSurrogate(key.charAt(i)) && Character.charCount(c) == 1) {
        return Optional.of("the key has a lone UTF-16 surrogate at index " + i);
      }
      i += Character.charCount(c);
    }
    return Optional.empty();
  }
}
