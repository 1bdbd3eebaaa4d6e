package io.dreamworker.worker.storage;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a job's outputs go: {@code {prefix}/{jobId}/document.json}, {@code img-{n}.png} and
 * {@code document.md} in the output bucket, where the prefix is the job's {@code output_prefix} or
 * the configured one.
 *
 * <p>Keys depend on nothing but the job id and prefix, so a job that is redone (after a crash or a
 * rebalance) writes the same keys and overwrites its own earlier objects instead of leaving a
 * second copy. The schema already refuses bad ids and prefixes; they are checked again here
 * because this class is what keeps one job's objects out of another's folder.
 */
public final class OutputKeys {

  /** The schema's job id ({@code common.schema.json#/$defs/jobId}): safe as one key segment. */
  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  /** One segment of a prefix (schema {@code outputPrefix}): never {@code .} or {@code ..}, nor hidden. */
  private static final Pattern PREFIX_SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
  /** The schema's limit on {@code output_prefix}. */
  public static final int MAX_PREFIX_CHARS = 256;

  private final String bucket;
  private final String defaultPrefix;

  /**
   * @param bucket the output bucket
   * @param defaultPrefix the prefix of jobs that name none; normalised like a job's
   */
  public OutputKeys(String bucket, String defaultPrefix) {
    S3Location.bucketProblem(bucket).ifPresent(problem -> {
      throw new IllegalArgumentException("'" + bucket + "' is not an S3 bucket name: " + problem);
    });
    this.bucket = bucket;
    this.defaultPrefix = normalisePrefix(defaultPrefix, "the default output prefix");
  }

  /** The keys of the configured output bucket and prefix. */
  public static OutputKeys of(S3Settings settings) {
    return new OutputKeys(settings.outputBucket(), settings.outputPrefix());
  }

  /**
   * The keys of one job.
   *
   * @param jobId the job's id, as the schema allows it
   * @param outputPrefix the job's {@code output_prefix}; empty for the configured one
   * @throws IllegalArgumentException if the id or prefix is one the schema refuses
   */
  public JobOutputKeys forJob(String jobId, Optional<String> outputPrefix) {
    if (jobId == null || !JOB_ID.matcher(jobId).matches()) {
      throw new IllegalArgumentException("job id '" + jobId + "' is not one the schema allows "
          + "(^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$), so it cannot name an output folder");
    }
    String prefix = outputPrefix.map(p -> normalisePrefix(p, "output_prefix")).orElse(defaultPrefix);
    return new JobOutputKeys(bucket, prefix.isEmpty() ? jobId : prefix + "/" + jobId);
  }

  /**
   * A prefix without leading, trailing or doubled slashes, checked segment by segment: letters,
   * digits, {@code .}, {@code _} and {@code -}, no segment starting with {@code .} (so none is
   * {@code .} or {@code ..}), no {@code ..} anywhere, at most {@value #MAX_PREFIX_CHARS} characters.
   * Empty (or only slashes) normalises to empty.
   *
   * @param what the prefix's name in the error message, such as a configuration key
   */
  static String normalisePrefix(String prefix, String what) {
    StringBuilder normal = new StringBuilder(prefix.length());
    for (String segment : prefix.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (!PREFIX_SEGMENT.matcher(segment).matches()) {
        throw new IllegalArgumentException(what + " '" + prefix + "' has the segment '" + segment + "': segments are "
            + "letters, digits, '.', '_' and '-', not starting with '.'");
      }
      if (!normal.isEmpty()) {
        normal.append('/');
      }
      normal.append(segment);
    }
    if (normal.indexOf("..") >= 0) {
      throw new IllegalArgumentException(what + " '" + prefix + "' must not contain '..'");
    }
    if (normal.length() > MAX_PREFIX_CHARS) {
      throw new IllegalArgumentException(what + " '" + prefix + "' is longer than " + MAX_PREFIX_CHARS + " characters");
    }
    return normal.toString();
  }
}
