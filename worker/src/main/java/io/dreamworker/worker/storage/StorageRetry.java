package io.dreamworker.worker.storage;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one S3 operation with the worker's retry policy: up to {@code s3.retry.max-attempts}
 * attempts, only after {@linkplain TransientFailures#isTransient transient} failures, waiting an
 * exponentially growing, jittered backoff between them that never exceeds {@code s3.retry.max-backoff}.
 * Each retry is logged and reported to the {@link StorageListener}.
 *
 * <p>The SDK's own retries are off (see {@link S3ClientFactory}), so this is the one place where
 * S3 requests are retried, counted and bounded. After the last attempt, or on a permanent failure,
 * the call's exception propagates unchanged for the caller to turn into a typed result.
 *
 * <p>Thread-safe: the configuration is shared, each call gets its own {@link Retry} so that its
 * log lines and reports name the object it is about.
 */
final class StorageRetry {

  private static final Logger LOG = LoggerFactory.getLogger(StorageRetry.class);

  /** Each backoff doubles the one before. */
  private static final double BACKOFF_MULTIPLIER = 2.0;
  /** Each backoff is drawn from ±50 % around its nominal value, so workers that failed together do not retry together. */
  private static final double BACKOFF_JITTER = 0.5;

  private final Operation operation;
  private final S3Settings.RetrySettings settings;
  private final RetryConfig config;
  private final StorageListener listener;

  StorageRetry(Operation operation, S3Settings.RetrySettings settings, StorageListener listener) {
    this.operation = operation;
    this.settings = settings;
    this.listener = listener;
    this.config = RetryConfig.custom()
        .maxAttempts(settings.maxAttempts())
        .intervalFunction(backoff(settings))
        .retryOnException(TransientFailures::isTransient)
        .build();
  }

  /**
   * The backoff before attempt n+1 after attempt n failed: initial × 2^(n-1), ± jitter, at most the
   * maximum. resilience4j's own maximum applies before the jitter, so it is applied again after.
   */
  static IntervalFunction backoff(S3Settings.RetrySettings settings) {
    IntervalFunction jittered = IntervalFunction.ofExponentialRandomBackoff(
        settings.initialBackoff(), BACKOFF_MULTIPLIER, BACKOFF_JITTER, settings.maxBackoff());
    long maxMillis = settings.maxBackoff().toMillis();
    return failedAttempt -> Math.min(maxMillis, jittered.apply(failedAttempt));
  }

  /** Attempts in all, the first included. */
  int maxAttempts() {
    return settings.maxAttempts();
  }

  /**
   * Runs {@code attempt} until it returns, fails permanently, or has failed transiently
   * {@code maxAttempts} times; then rethrows its last exception.
   *
   * @param target what the operation is about, for the log, such as {@code s3://bucket/key}
   */
  <T> T call(S3Location target, Supplier<T> attempt) {
    Retry retry = Retry.of(operation.label() + " " + target, config);
    retry.getEventPublisher().onRetry(event -> {
      LOG.warn("S3 {} {}: attempt {} of {} failed ({}), retrying in {} ms", operation.label(), target,
          event.getNumberOfRetryAttempts(), settings.maxAttempts(),
          TransientFailures.describe(event.getLastThrowable()), event.getWaitInterval().toMillis());
      listener.retried(operation, event.getNumberOfRetryAttempts(), event.getLastThrowable());
    });
    return retry.executeSupplier(attempt);
  }
}
