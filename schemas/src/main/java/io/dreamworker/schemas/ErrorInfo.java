package io.dreamworker.schemas;

import java.util.regex.Pattern;

/**
 * An error code and message (schema: common {@code error}), in failed or rejected events and in
 * dead letters.
 *
 * @param code upper snake case, such as {@code SCHEMA_VIOLATION}
 * @param message what went wrong, for a person
 */
public record ErrorInfo(String code, String message) {

  private static final Pattern CODE = Pattern.compile("^[A-Z][A-Z0-9_]{0,63}$");

  public ErrorInfo {
    if (code == null || !CODE.matcher(code).matches()) {
      throw new IllegalArgumentException("error code must be upper snake case such as SCHEMA_VIOLATION, got " + code);
    }
    Job.required(message, "message");
  }

  /** The error of a record that did not decode as a job. */
  public static ErrorInfo of(Decoded.Invalid invalid) {
    return new ErrorInfo(invalid.error().name(), invalid.message());
  }
}
