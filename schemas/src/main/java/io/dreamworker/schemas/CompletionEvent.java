package io.dreamworker.schemas;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one event of a finished job (schema: {@code completion-event.schema.json}): a CloudEvents
 * 1.0 envelope whose {@code subject} is the job id, on the events topic keyed by job id.
 *
 * @param id unique per event; the worker derives it from the job and the record's position so a
 *     redone job republishes the same id and consumers can deduplicate
 * @param source the worker, such as {@code urn:dreamworker:worker:worker-1}
 * @param time when the job finished
 */
public record CompletionEvent(String id, String source, Instant time, Result data) {

  public static final String SPEC_VERSION = "1.0";
  public static final String TYPE = "io.dreamworker.job.completed";
  public static final String DATA_CONTENT_TYPE = "application/json";

  public CompletionEvent {
    Job.required(id, "id");
    Job.required(source, "source");
    Job.required(time, "time");
    Job.required(data, "data");
  }

  /** CloudEvents' {@code subject}: the job id. */
  public String subject() {
    return data.jobId();
  }

  /** How the job ended. */
  public enum Status {
    SUCCEEDED, FAILED, REJECTED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Status of(String wireName) {
      return valueOf(wireName.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * The event's {@code data}.
   *
   * @param caption a caption job's text, inline
   * @param error present exactly when the status is not {@code SUCCEEDED}
   * @param metadata the job's metadata, echoed
   */
  public record Result(String jobId, Status status, Outputs outputs, Optional<String> caption, Timings timings,
      Bundle bundle, Optional<ErrorInfo> error, Map<String, String> metadata) {
    public Result {
      Job.required(jobId, "job_id");
      Job.required(status, "status");
      Job.required(outputs, "outputs");
      Job.required(caption, "caption");
      Job.required(timings, "timings");
      Job.required(bundle, "bundle");
      Job.required(error, "error");
      metadata = Map.copyOf(Job.required(metadata, "metadata"));
      if ((status == Status.SUCCEEDED) == error.isPresent()) {
        throw new IllegalArgumentException("error must be present exactly when the status is failed or rejected, "
            + "got status " + status.wireName() + " with error " + error);
      }
    }
  }

  /**
   * Where the outputs are: {@code {prefix}/{jobId}/document.json}, {@code img-{n}.png},
   * {@code document.md}.
   */
  public record Outputs(Optional<String> document, List<String> images, Optional<String> markdown) {
    public static final Outputs NONE = new Outputs(Optional.empty(), List.of(), Optional.empty());

    public Outputs {
      Job.required(document, "document");
      images = List.copyOf(Job.required(images, "images"));
      Job.required(markdown, "markdown");
    }

    public boolean isEmpty() {
      return document.isEmpty() && images.isEmpty() && markdown.isEmpty();
    }
  }

  /**
   * Where the time went, in milliseconds.
   *
   * @param queuedMs from the record's timestamp to the start of work
   * @param stages per stage, such as vision, llm, unet, vae, upload
   * @param totalMs from the record's timestamp to the event
   */
  public record Timings(long queuedMs, Map<String, Long> stages, long totalMs) {
    public Timings {
      stages = Map.copyOf(Job.required(stages, "stages"));
    }
  }

  /** The model bundle that served the job. */
  public record Bundle(String name, String version) {
    public Bundle {
      Job.required(name, "name");
      Job.required(version, "version");
    }
  }
}
