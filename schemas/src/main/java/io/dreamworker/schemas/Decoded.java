package io.dreamworker.schemas;

/** The outcome of decoding a job record: never an exception for bad input. */
public sealed interface Decoded {

  /** A job that passed its schema and the codec's own checks. */
  record Valid(Job job) implements Decoded {
    public Valid {
      Job.required(job, "job");
    }
  }

  /**
   * Not a job.
   *
   * @param error the code for the failed event and the dead letter's headers
   * @param message what is wrong, naming the JSON path of each violation
   */
  record Invalid(DecodeError error, String message) implements Decoded {
    public Invalid {
      Job.required(error, "error");
      Job.required(message, "message");
    }
  }
}
