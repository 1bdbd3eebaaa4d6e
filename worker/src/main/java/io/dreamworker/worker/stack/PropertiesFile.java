package io.dreamworker.worker.stack;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Writes a server's configuration as a Java properties file, escaped as the servers read it. */
final class PropertiesFile {
  private PropertiesFile() {}

  static void write(Path file, Properties properties) throws IOException {
    // ISO-8859-1 with escapes is what Properties.load, which both servers use, reads.
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
      properties.store(out, "written by dreamworker's embedded stack; read by the server at start");
    }
  }
}
