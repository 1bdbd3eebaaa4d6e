package io.dreamworker.worker.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What a worker takes from where it runs, beside its configuration.
 *
 * @param workerId this worker's name in events ({@code source}) and Kafka client ids; the host
 *     name in production
 * @param s3Credentials credentials for S3; empty for the SDK's default chain (environment, profile,
 *     instance role), as in production
 * @param clock event times and job timings
 */
public record WorkerEnvironment(String workerId, Optional<AwsCredentialsProvider> s3Credentials, Clock clock) {
  public WorkerEnvironment {
    if (workerId == null || !workerId.matches("[A-Za-z0-9._-]{1,128}")) {
      throw new IllegalArgumentException("workerId must be 1 to 128 letters, digits, '.', '_' or '-', got " + workerId);
    }
    if (s3Credentials == null || clock == null) {
      throw new IllegalArgumentException("s3Credentials and clock must be set");
    }
  }

  /** Production: the host name, the default credential chain, the system clock. */
  public static WorkerEnvironment production() {
    String host = Optional.ofNullable(System.getenv("HOSTNAME")).filter(h -> !h.isBlank()).orElseGet(() -> {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "worker";
      }
    });
    return new WorkerEnvironment(host.replaceAll("[^A-Za-z0-9._-]", "-"), Optional.empty(), Clock.systemUTC());
  }
}
