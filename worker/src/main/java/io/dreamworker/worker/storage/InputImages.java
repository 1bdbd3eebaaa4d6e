package io.dreamworker.worker.storage;

import io.dreamworker.schemas.ImageInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * Resolves a job's input images to their bytes: inline base64 is decoded, {@code s3://bucket/key}
 * is read from S3 if its bucket is allowed.
 *
 * <p>An S3 input is read with a HEAD, to refuse an object over {@code s3.max-input-image-bytes}
 * before downloading it, then a plain GET (no ranged reads: s3proxy cannot serve them) that stops
 * reading past the limit, in case the object was replaced in between. The two are retried together
 * on transient failures (see {@link StorageRetry}); a missing object, a refusal and an oversized
 * object are permanent answers and are not retried.
 *
 * <p>Thread-safe; the bytes are returned as stored, not decoded as images (the engine's decoder
 * reports undecodable ones).
 */
public final class InputImages {

  /** S3's error code for reading an object in an archive storage class (403, but no permission problem). */
  private static final String ARCHIVED = "InvalidObjectState";

  private final S3Client s3;
  private final Set<String> allowedBuckets;
  private final long maxImageBytes;
  private final StorageRetry retry;
  private final StorageListener listener;

  public InputImages(S3Client s3, S3Settings settings, StorageListener listener) {
    this.s3 = s3;
    this.allowedBuckets = settings.allowedInputBuckets();
    this.maxImageBytes = settings.maxInputImageBytes();
    this.retry = new StorageRetry(Operation.GET, settings.retry(), listener);
    this.listener = listener;
  }

  /**
   * All of a job's images, in order; the first that cannot be read ends the resolution, its message
   * prefixed with {@code images[i]}.
   */
  public InputResult<List<byte[]>> resolveAll(List<ImageInput> inputs) {
    List<byte[]> images = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      switch (resolve(inputs.get(i))) {
        case InputResult.Loaded<byte[]>(byte[] bytes) -> images.add(bytes);
        case InputResult.Failed<byte[]> failed -> {
          return failed.in("images[" + i + "]");
        }
      }
    }
    return new InputResult.Loaded<>(List.copyOf(images));
  }

  /** One image's bytes. */
  public InputResult<byte[]> resolve(ImageInput input) {
    return switch (input) {
      case ImageInput.Base64 inline -> decode(inline);
      case ImageInput.S3Uri s3Uri -> fetch(s3Uri.uri());
    };
  }

  private InputResult<byte[]> decode(ImageInput.Base64 inline) {
    byte[] bytes;
    try {
      bytes = inline.bytes();
    } catch (IllegalArgumentException notBase64) {
      return failed(StorageError.INPUT_INVALID_BASE64,
          "the inline image is not standard base64 (RFC 4648 with padding): " + notBase64.getMessage(), notBase64);
    }
    if (bytes.length > maxImageBytes) {
      return failed(StorageError.INPUT_TOO_LARGE, "the inline image has " + bytes.length + " bytes, more than the "
          + maxImageBytes + " allowed by " + S3Settings.KEY_MAX_INPUT_IMAGE_BYTES, null);
    }
    return new InputResult.Loaded<>(bytes);
  }

  private InputResult<byte[]> fetch(String uri) {
    S3Location location;
    try {
      location = S3Location.parse(uri);
    } catch (IllegalArgumentException invalid) {
      return failed(StorageError.INPUT_INVALID_URI, invalid.getMessage(), null);
    }
    if (!allowedBuckets.contains(location.bucket())) {
      return failed(StorageError.INPUT_NOT_ALLOWED, notAllowed(location), null);
    }
    long start = System.nanoTime();
    InputResult<byte[]> result;
    try {
      result = retry.call(location, () -> fetchOnce(location));
    } catch (RuntimeException failure) {
      result = fetchFailed(location, failure);
    }
    listener.completed(Operation.GET, Duration.ofNanos(System.nanoTime() - start), switch (result) {
      case InputResult.Loaded<byte[]> loaded -> Outcome.SUCCEEDED;
      case InputResult.Failed<byte[]> failed ->
          failed.error() == StorageError.INPUT_FETCH_FAILED ? Outcome.FAILED : Outcome.REJECTED;
    });
    return result;
  }

  /** One attempt: HEAD for the size, then GET, reading at most one byte past the limit. */
  private InputResult<byte[]> fetchOnce(S3Location location) {
    HeadObjectResponse head = s3.headObject(b -> b.bucket(location.bucket()).key(location.key()));
    if (head.contentLength() != null && head.contentLength() > maxImageBytes) {
      return tooLarge(location, head.contentLength() + " bytes");
    }
    try (ResponseInputStream<GetObjectResponse> body =
        s3.getObject(b -> b.bucket(location.bucket()).key(location.key()))) {
      byte[] bytes = body.readNBytes((int) maxImageBytes + 1);
      if (bytes.length > maxImageBytes) {
        // Closing a half-read body would drain the rest of it into the connection first.
        body.abort();
        return tooLarge(location, "more than " + maxImageBytes + " bytes (it grew after its HEAD)");
      }
      return new InputResult.Loaded<>(bytes);
    } catch (IOException broken) {
      throw new UncheckedIOException("reading " + location + " failed: " + broken.getMessage(), broken);
    }
  }

  private InputResult<byte[]> fetchFailed(S3Location location, RuntimeException failure) {
    String cause = TransientFailures.describe(failure);
    if (TransientFailures.isTransient(failure)) {
      return failed(StorageError.INPUT_FETCH_FAILED, "reading " + location + " failed after "
          + retry.maxAttempts() + " attempts: " + cause, failure);
    }
    int status = TransientFailures.statusCode(failure).orElse(0);
    if (status == 403 && TransientFailures.errorCode(failure).filter(ARCHIVED::equals).isPresent()) {
      return failed(StorageError.INPUT_UNREADABLE, "S3 refused to read " + location + ": " + cause
          + " (archived objects must be restored first)", failure);
    }
    return switch (status) {
      case 404 -> failed(StorageError.INPUT_NOT_FOUND, location + " does not exist (" + cause + ")", failure);
      case 403 -> failed(StorageError.INPUT_ACCESS_DENIED, "the worker may not read " + location + " (" + cause
          + "): S3 answers so for a missing key too when the worker may not list the bucket; else grant the "
          + "worker's role s3:GetObject on bucket " + location.bucket(), failure);
      case 0 -> failed(StorageError.INPUT_FETCH_FAILED, "reading " + location + " failed: " + cause, failure);
      default -> failed(StorageError.INPUT_UNREADABLE, "S3 refused to read " + location + ": " + cause, failure);
    };
  }

  private String notAllowed(S3Location location) {
    String envName = S3Settings.env(S3Settings.KEY_ALLOWED_INPUT_BUCKETS);
    if (allowedBuckets.isEmpty()) {
      return "input " + location + ": this worker reads no S3 inputs; to read from bucket '" + location.bucket()
          + "' list it in " + S3Settings.KEY_ALLOWED_INPUT_BUCKETS + envName + ", or send the image inline as base64";
    }
    return "input " + location + ": bucket '" + location.bucket() + "' is not one of the allowed input buckets "
        + allowedBuckets.stream().sorted().collect(Collectors.joining(", ", "[", "]")) + "; add it to "
        + S3Settings.KEY_ALLOWED_INPUT_BUCKETS + envName;
  }

  private InputResult<byte[]> tooLarge(S3Location location, String size) {
    return failed(StorageError.INPUT_TOO_LARGE, location + " has " + size + ", more than the " + maxImageBytes
        + " allowed by " + S3Settings.KEY_MAX_INPUT_IMAGE_BYTES, null);
  }

  private static InputResult<byte[]> failed(StorageError error, String message, Throwable cause) {
    return new InputResult.Failed<>(error, message, Optional.ofNullable(cause));
  }
}
