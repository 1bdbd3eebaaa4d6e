package io.dreamworker.model.runtime;

/**
 * Keeps DJL off the network. DJL reads {@code ai.djl.offline} (model zoo, native library
 * downloads) and {@code OPT_OUT_TRACKING} (its usage ping) from the environment or from system
 * properties each time it would reach out; the native libraries dreamworker needs ship in jars on
 * the class path, so nothing is ever downloaded.
 *
 * <p>Call {@link #configure()} first thing in every entry point. A value set explicitly (on the
 * command line or in the environment) is left as it is, so an operator can still see what DJL
 * would do; {@link #isOffline()} tells whether the process is in fact offline.
 */
public final class OfflineEngine {
  static final String OFFLINE = "ai.djl.offline";
  static final String TRACKING = "OPT_OUT_TRACKING";

  private OfflineEngine() {}

  /** Sets DJL's offline and no-tracking switches unless the environment already decided them. */
  public static void configure() {
    if (System.getProperty(OFFLINE) == null && System.getenv("DJL_OFFLINE") == null) {
      System.setProperty(OFFLINE, "true");
    }
    if (System.getProperty(TRACKING) == null && System.getenv(TRACKING) == null) {
      System.setProperty(TRACKING, "true");
    }
  }

  /** Whether DJL will refuse to download anything. */
  public static boolean isOffline() {
    return ai.djl.util.Utils.isOfflineMode();
  }
}
