package io.dreamworker.worker.storage;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Which S3 failures are worth another attempt, and how to describe a failure in an error message.
 *
 * <p>Transient: the store answered 5xx, 429 or 408, or named its answer throttling ({@code SlowDown})
 * or {@code RequestTimeout}; the request never got an answer (connection refused or reset, DNS,
 * socket or call timeouts: an {@link IOException} anywhere in the cause chain). Permanent: every
 * other answer of the store (404 missing, 403 denied, 400 bad request: asking again gets the same
 * answer), client-side errors without I/O (no credentials, a bad configuration), and interruption,
 * which means the worker is stopping.
 */
final class TransientFailures {

  /** Causes followed at most, so a cyclic cause chain cannot loop. */
  private static final int MAX_CAUSE_DEPTH = 16;
  /** A cause's description in an error message is cut here: the event's message has a size limit. */
  static final int MAX_DESCRIPTION_CHARS = 500;

  private TransientFailures() {}

  /** Whether another attempt may succeed where this one failed. */
  static boolean isTransient(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < MAX_CAUSE_DEPTH; t = t.getCause(), depth++) {
      if (t instanceof AbortedException || t instanceof InterruptedException) {
        return false;
      }
      if (t instanceof SdkServiceException answer) {
        return isTransientAnswer(answer);
      }
      if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException
          || t instanceof IOException) {
        return !interruptedBelow(t, depth);
      }
    }
    return false;
  }

  /** The HTTP status of the store's answer, when the failure is one. */
  static Optional<Integer> statusCode(Throwable failure) {
    return failure instanceof SdkServiceException answer ? Optional.of(answer.statusCode()) : Optional.empty();
  }

  /** S3's error code of the store's answer, such as {@code NoSuchKey}, when the failure is one and has one. */
  static Optional<String> errorCode(Throwable failure) {
    return failure instanceof AwsServiceException answer && answer.awsErrorDetails() != null
        ? Optional.ofNullable(answer.awsErrorDetails().errorCode())
        : Optional.empty();
  }

  /**
   * A one-line description for error messages: the status and S3's error code and message for an
   * answer of the store, else the exception's type and message (and its root cause's).
   */
  static String describe(Throwable failure) {
    String text;
    if (failure instanceof AwsServiceException answer && answer.awsErrorDetails() != null) {
      AwsErrorDetails details = answer.awsErrorDetails();
      text = "HTTP " + answer.statusCode()
          + (details.errorCode() == null ? "" : " " + details.errorCode())
          + (details.errorMessage() == null ? "" : ": " + details.errorMessage());
    } else if (failure instanceof SdkServiceException answer) {
      text = "HTTP " + answer.statusCode() + (answer.getMessage() == null ? "" : ": " + answer.getMessage());
    } else {
      text = failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
      Throwable root = rootCause(failure);
      if (root != failure && root.getMessage() != null && !text.contains(root.getMessage())) {
        text += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
      }
    }
    return text.length() <= MAX_DESCRIPTION_CHARS ? text : text.substring(0, MAX_DESCRIPTION_CHARS) + "...";
  }

  private static boolean isTransientAnswer(SdkServiceException answer) {
    int status = answer.statusCode();
    if (status >= 500 || status == 429 || status == 408 || answer.isThrottlingException()) {
      return true;
    }
    return answer instanceof AwsServiceException aws && aws.awsErrorDetails() != null
        && "RequestTimeout".equals(aws.awsErrorDetails().errorCode());
  }

  /** An I/O failure caused by interruption is the worker stopping, not the network. */
  private static boolean interruptedBelow(Throwable t, int depth) {
    for (Throwable c = t; c != null && depth < MAX_CAUSE_DEPTH; c = c.getCause(), depth++) {
      if (c instanceof InterruptedException || c instanceof ClosedByInterruptException) {
        return true;
      }
    }
    return false;
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable root = failure;
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < MAX_CAUSE_DEPTH; depth++) {
      root = root.getCause();
    }
    return root;
  }
}
