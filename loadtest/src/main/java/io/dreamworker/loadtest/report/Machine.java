package io.dreamworker.loadtest.report;

/**
 * The machine a run was measured on, so that a report read later says what its numbers are of.
 *
 * @param cores processors available to the JVM that ran the sweep
 * @param os operating system name, version and architecture
 * @param javaVersion the Java runtime's version and vendor
 */
public record Machine(int cores, String os, String javaVersion) {

  public Machine {
    if (cores < 1) {
      throw new IllegalArgumentException("machine cores must be >= 1, got " + cores);
    }
    Checks.nonBlank(os, "machine os");
    Checks.nonBlank(javaVersion, "machine javaVersion");
  }

  /** This JVM's machine, from the runtime and the standard system properties. */
  public static Machine current() {
    return new Machine(Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
  }

  /** {@code "2 cores, Linux 6.1 amd64, Java 21.0.3 (Eclipse Adoptium)"}. */
  public String describe() {
    return cores + (cores == 1 ? " core, " : " cores, ") + os + ", Java " + javaVersion;
  }
}
