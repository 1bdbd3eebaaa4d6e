package io.dreamworker.worker.storage;

import java.util.Locale;

/** What the worker asks of S3, as metrics label it ({@code dreamworker_s3_retries_total{operation}}). */
public enum Operation {
  /** Reading an input image: its HEAD (size check) and GET, retried as one. */
  GET,
  /** Writing one output object. */
  PUT;

  /** The metric label: {@code get} or {@code put}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
