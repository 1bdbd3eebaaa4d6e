package io.dreamworker.worker.cli;

import io.dreamworker.model.bundle.BundleException;
import io.dreamworker.model.weights.SafetensorsException;
import io.dreamworker.model.weights.WeightsException;
import io.dreamworker.worker.stack.StackException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints the expected failures of a command (a bad bundle, an unreadable file) as one clear line
 * with exit code 2 instead of a stack trace; anything else is a bug and keeps its stack trace.
 */
final class UserErrors implements IExecutionExceptionHandler {
  static final int USER_ERROR = 2;

  @Override
  public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed)
      throws Exception {
    if (e instanceof BundleException || e instanceof WeightsException
        || e instanceof SafetensorsException || e instanceof IOException
        || e instanceof IllegalArgumentException || e instanceof StackException
        || e instanceof TimeoutException) {
      cmd.getErr().println(cmd.getColorScheme().errorText(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage()));
      return USER_ERROR;
    }
    throw e;
  }
}
