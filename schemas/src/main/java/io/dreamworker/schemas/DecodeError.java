package io.dreamworker.schemas;

/** Why a record is not a job; the code travels in the failed event and the dead letter. */
public enum DecodeError {
  /** The bytes are not one JSON document (bad syntax, bad UTF-8, duplicate keys, trailing data). */
  MALFORMED_JSON,
  /** JSON, but not a job of its type: each violation is listed with its JSON path. */
  SCHEMA_VIOLATION,
  /** A JSON object whose {@code type} names no job this contract knows. */
  UNKNOWN_TYPE
}
