package io.dreamworker.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The example files of the module, read from its sources (the tests run in the module's folder). */
final class Examples {

  static final Path DIR = Path.of("src/main/resources/dreamworker/examples");
  static final Path INVALID = DIR.resolve("invalid");

  private Examples() {
  }

  static List<Path> valid() {
    return jsonFiles(DIR);
  }

  static List<Path> invalid() {
    return jsonFiles(INVALID);
  }

  static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] read(String name) {
    return read(DIR.resolve(name));
  }

  /** The message of an example by its file name's prefix. */
  static MessageSchema schemaOf(Path file) {
    String name = file.getFileName().toString();
    if (name.startsWith("caption-job")) {
      return MessageSchema.CAPTION_JOB;
    }
    if (name.startsWith("interleaved-job") || name.startsWith("text-to-image-job")) {
      return MessageSchema.INTERLEAVED_JOB;
    }
    if (name.startsWith("completion-event")) {
      return MessageSchema.COMPLETION_EVENT;
    }
    if (name.startsWith("dead-letter")) {
      return MessageSchema.DEAD_LETTER;
    }
    throw new IllegalArgumentException("example " + name + " names no message: start its name with the schema's");
  }

  private static List<Path> jsonFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
