package io.dreamworker.schemas;

import java.util.Map;
import java.util.Optional;

/** A job on the jobs topic, keyed by its {@link #jobId()}. */
public sealed interface Job permits CaptionJob, InterleavedJob {

  /** The client-chosen id: {@code ^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$}. */
  String jobId();

  /** Where outputs go, {@code {prefix}/{jobId}/...}; empty for the worker's configured prefix. */
  Optional<String> outputPrefix();

  /** String pairs echoed in the completion event; empty when the job has none. */
  Map<String, String> metadata();

  /** The wire value of the job's {@code type} field. */
  String type();

  /** Null checks shared by the job records, with the wire name of the field in the message. */
  static <T> T required(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    return value;
  }
}
