package io.dreamworker.worker.config;

import java.util.Optional;

/**
 * A rule a key's parsed value must follow (bounds, a non-blank name, a valid topic). Constraints
 * see one value; rules over two keys are in {@link CrossKeyRules}.
 *
 * @param <T> the type of the values checked
 */
public interface Constraint<T> {

  /** A constraint every value meets. */
  static <T> Constraint<T> none() {
    return new Constraint<>() {
      @Override
      public Optional<String> problem(T value) {
        return Optional.empty();
      }

      @Override
      public String description() {
        return "";
      }
    };
  }

  /**
   * What is wrong with {@code value}, as a sentence that names the value and the fix
   * ({@code "0 is below the minimum 1"}); empty when it is fine.
   */
  Optional<String> problem(T value);

  /** The values allowed, for documentation ({@code "1 to 65535"}); empty when any is. */
  String description();
}
