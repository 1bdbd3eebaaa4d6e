package io.dreamworker.worker.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLibTest {
  @TempDir Path dir;

  @Test
  void folderWithoutTheServers_failsSayingHowToBuildThem() {
    assertThatThrownBy(() -> new StackLib(dir))
        .isInstanceOf(StackException.class)
        .hasMessageContaining(dir.resolve("kafka") + " holds no jars")
        .hasMessageContaining("./mvnw -pl stack package")
        .hasMessageContaining("-Ddreamworker.stack.lib=DIR");
  }

  @Test
  void folderWithKafkaOnly_failsNamingTheMissingS3proxy() throws Exception {
    Files.createDirectories(dir.resolve("kafka"));
    Files.writeString(dir.resolve("kafka/kafka_2.13-4.4.0.jar"), "");

    assertThatThrownBy(() -> new StackLib(dir))
        .isInstanceOf(StackException.class)
        .hasMessageContaining(dir.resolve("s3proxy") + " holds no jars");
  }

  @Test
  void builtFolder_listsEachClasspathInNameOrder() {
    StackLib lib = StackLib.fromSystemProperty();

    assertThat(lib.kafkaClasspath()).isSorted()
        .anySatisfy(jar -> assertThat(jar.getFileName().toString()).startsWith("kafka_2.13-"))
        .noneSatisfy(jar -> assertThat(jar.getFileName().toString()).startsWith("s3proxy"));
    assertThat(lib.s3proxyClasspath()).singleElement()
        .satisfies(jar -> assertThat(jar.getFileName().toString()).endsWith("-jar-with-dependencies.jar"));
  }

  @Test
  void unsetProperty_failsNamingItAndHowToBuild() {
    String saved = System.getProperty(StackLib.PROPERTY);
    System.clearProperty(StackLib.PROPERTY);
    try {
      assertThatThrownBy(StackLib::fromSystemProperty)
          .isInstanceOf(StackException.class)
          .hasMessageContaining("the system property dreamworker.stack.lib is not set")
          .hasMessageContaining("./mvnw -pl stack package");
    } finally {
      if (saved != null) {
        System.setProperty(StackLib.PROPERTY, saved);
      }
    }
  }

  @Test
  void classDataArchive_isPerJdkRelease() {
    StackLib lib = StackLib.fromSystemProperty();

    assertThat(lib.classDataArchive("kafka-broker")).hasValueSatisfying(archive ->
        assertThat(archive.getFileName().toString()).isEqualTo("kafka-broker-jdk" + Runtime.version().feature() + ".jsa"));
  }
}
