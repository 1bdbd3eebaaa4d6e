package io.dreamworker.worker.config;

import java.util.List;

/**
 * The configuration is wrong. Carries every problem found, one line each naming the key, the
 * value and the fix, so that one start of the worker reports them all. An
 * {@link IllegalArgumentException}, since the file and the environment are the user's arguments:
 * the command line reports it as a user error, without a stack trace.
 */
public final class ConfigException extends IllegalArgumentException {
  private final List<String> problems;

  /** @param problems one line per problem; at least one */
  public ConfigException(List<String> problems) {
    super(message(problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, each starting with the key it is about. */
  public List<String> problems() {
    return problems;
  }

  private static String message(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    if (problems.size() == 1) {
      return "invalid configuration: " + problems.getFirst();
    }
    return "invalid configuration, " + problems.size() + " problems:\n  " + String.join("\n  ", problems);
  }
}
