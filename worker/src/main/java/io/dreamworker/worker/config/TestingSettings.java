package io.dreamworker.worker.config;

/**
 * The {@code testing} section: switches for tests of the fleet, off in production.
 *
 * @param faultInjection honour the faults that jobs name in their metadata
 */
public record TestingSettings(boolean faultInjection) {}
