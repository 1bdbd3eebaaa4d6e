package io.dreamworker.worker.config;

import java.util.Objects;

/**
 * The {@code http} section: where the operations server (metrics, health, readiness) listens.
 *
 * @param host address to bind
 * @param port port to bind; 0 takes any free port
 */
public record HttpSettings(String host, int port) {
  public HttpSettings {
    Objects.requireNonNull(host, "host");
  }
}
