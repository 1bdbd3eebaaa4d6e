package io.dreamworker.model.conformance;

import ai.djl.ndarray.NDManager;

/**
 * Checks one fixture case against the component that implements its {@code kind}. Implementations
 * dispatch on what {@code case.json} and {@code config.json} say, never on the folder's name, and
 * report each compared tensor through {@link ParityReport}.
 */
@FunctionalInterface
public interface ParityCheck {
  void check(FixtureCase fixture, NDManager manager, ParityReport report) throws Exception;
}
