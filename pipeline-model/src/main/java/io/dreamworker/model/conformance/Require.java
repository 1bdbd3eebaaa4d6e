package io.dreamworker.model.conformance;

import java.util.function.Supplier;

/** Preconditions of a conformance check; a broken one fails the case with the given message. */
final class Require {
  private Require() {}

  static void that(boolean condition, Supplier<String> message) {
    if (!condition) {
      throw new ParityFailure(message.get());
    }
  }
}
