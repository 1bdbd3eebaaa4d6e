package io.dreamworker.worker.storage;

import io.dreamworker.model.image.RgbImage;
import io.dreamworker.schemas.CompletionEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes a job's outputs to the output bucket: {@code img-{n}.png} for each image, then
 * {@code document.md}, then {@code document.json}, in the job's folder (see {@link OutputKeys}).
 *
 * <p>Order matters: {@code document.json} is the document of record and goes last, so a document
 * never references an image that is not there; a reader that finds it finds everything. Keys are
 * the same every time a job is done, so a redone job overwrites its own objects.
 *
 * <p>Each PUT is retried on transient failures (see {@link StorageRetry}); the first object that
 * cannot be written ends the job's writing with {@link OutputResult.Failed}. Thread-safe.
 */
public final class OutputWriter {

  static final String PNG = "image/png";
  static final String JSON = "application/json";
  static final String MARKDOWN = "text/markdown; charset=utf-8";

  private final S3Client s3;
  private final OutputKeys keys;
  private final StorageRetry retry;
  private final StorageListener listener;
  private final DocumentJson documentJson = new DocumentJson();

  public OutputWriter(S3Client s3, S3Settings settings, StorageListener listener) {
    this.s3 = s3;
    this.keys = OutputKeys.of(settings);
    this.retry = new StorageRetry(Operation.PUT, settings.retry(), listener);
    this.listener = listener;
  }

  /**
   * Writes a job's document and images.
   *
   * @param jobId the job's id
   * @param outputPrefix the job's {@code output_prefix}; empty for the configured one
   * @param bundle the bundle that made it, recorded in {@code document.json}
   * @throws IllegalArgumentException if the id or prefix is one the job schema refuses
   */
  public OutputResult write(String jobId, Optional<String> outputPrefix, GeneratedDocument document,
      Optional<CompletionEvent.Bundle> bundle) {
    JobOutputKeys job = keys.forJob(jobId, outputPrefix);
    List<Upload> uploads = new ArrayList<>();
    List<String> imageUris = new ArrayList<>();
    List<RgbImage> images = document.images();
    List<byte[]> pngs = new ArrayList<>(images.size());
    for (int n = 0; n < images.size(); n++) {
      byte[] png = PngEncoding.encode(images.get(n));
      pngs.add(png);
      uploads.add(new Upload(job.image(n), png, PNG));
      imageUris.add(job.image(n).uri());
    }
    uploads.add(new Upload(job.markdown(), DocumentMarkdown.render(document), MARKDOWN));
    uploads.add(new Upload(job.document(), documentJson.render(jobId, bundle, document, job, pngs), JSON));
    for (Upload upload : uploads) {
      Optional<OutputResult.Failed> failed = put(upload);
      if (failed.isPresent()) {
        return failed.get();
      }
    }
    return new OutputResult.Written(new CompletionEvent.Outputs(
        Optional.of(job.document().uri()), imageUris, Optional.of(job.markdown().uri())));
  }

  private Optional<OutputResult.Failed> put(Upload upload) {
    S3Location location = upload.location();
    long start = System.nanoTime();
    try {
      retry.call(location, () -> s3.putObject(b -> b.bucket(location.bucket()).key(location.key())
          .contentType(upload.contentType()).contentLength((long) upload.bytes().length),
          RequestBody.fromBytes(upload.bytes())));
      listener.completed(Operation.PUT, Duration.ofNanos(System.nanoTime() - start), Outcome.SUCCEEDED);
      return Optional.empty();
    } catch (RuntimeException failure) {
      listener.completed(Operation.PUT, Duration.ofNanos(System.nanoTime() - start), Outcome.FAILED);
      String why = TransientFailures.isTransient(failure)
          ? "failed after " + retry.maxAttempts() + " attempts: "
          : "was refused: ";
      return Optional.of(new OutputResult.Failed(location, "writing " + location + " (bucket " + location.bucket()
          + ", key " + location.key() + ") " + why + TransientFailures.describe(failure), failure));
    }
  }

  /** One object to write. */
  private record Upload(S3Location location, byte[] bytes, String contentType) {}
}
