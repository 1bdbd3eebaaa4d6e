package io.dreamworker.worker.ops;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Switches the format of the console logs while the process runs, for commands whose default
 * differs from the file's: {@code run} logs JSON unless {@value LogFormat#VARIABLE} says text.
 *
 * <p>It configures logback again from the file it was configured from, with the format set as a
 * property of the logger context (which logback.xml reads before system properties and the
 * environment), so that logback.xml stays the one definition of appenders, encoders and levels.
 * The hook, first thing in {@code run}:
 * <pre>{@code
 * ConsoleLogging.use(LogFormat.chosen(System.getProperties(), System.getenv()).orElse(LogFormat.JSON));
 * }</pre>
 */
public final class ConsoleLogging {
  private ConsoleLogging() {}

  /**
   * Configures the process's logback context again with {@code format}, from the file logback
   * chose at start. Does nothing when SLF4J is not bound to logback or there is no such file.
   *
   * @throws IllegalStateException when the file does not configure
   */
  public static void use(LogFormat format) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      configurationFile().ifPresent(file -> use(context, file, format));
    }
  }

  /**
   * The file logback configures itself from, found as logback does: the system property
   * {@code logback.configurationFile}, else {@code logback-test.xml}, else {@code logback.xml} on
   * the class path. (Logback only remembers it when it scans the file for changes.)
   */
  static Optional<URL> configurationFile() {
    String property = System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
    if (property != null) {
      try {
        return Optional.of(property.contains(":/") ? URI.create(property).toURL() : Path.of(property).toUri().toURL());
      } catch (MalformedURLException | IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    ClassLoader loader = ConsoleLogging.class.getClassLoader();
    return Optional.ofNullable(loader.getResource(ClassicConstants.TEST_AUTOCONFIG_FILE))
        .or(() -> Optional.ofNullable(loader.getResource(ClassicConstants.AUTOCONFIG_FILE)));
  }

  /** Configures {@code context} from {@code file} with {@code format}. */
  public static void use(LoggerContext context, URL file, LogFormat format) {
    context.reset();
    context.putProperty(LogFormat.VARIABLE, format.appenderName());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(file);
    } catch (JoranException e) {
      throw new IllegalStateException("logback could not be configured again from " + file + ": " + e.getMessage(), e);
    }
  }
}
