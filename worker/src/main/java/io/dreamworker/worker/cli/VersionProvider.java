package io.dreamworker.worker.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"dreamworker " + (v == null ? "development" : v),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
  }
}
