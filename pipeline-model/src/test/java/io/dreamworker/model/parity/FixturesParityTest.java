package io.dreamworker.model.parity;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case folder of the reference fixtures as a test of its own, named after the folder,
 * dispatching on the {@code kind} in its {@code case.json}. A folder of an unknown kind, or without
 * a {@code case.json}, fails: a new kind of fixture must never pass by being skipped.
 */
class FixturesParityTest {

  /** The check for each fixture kind. */
  static final Map<String, ParityCheck> CHECKS = Map.ofEntries(
      // Each component's parity check registers its kind here.
      Map.entry("clip_vision_model", new ClipVisionParity()),
      Map.entry("clip_image_processor", new ClipPreprocessParity()),
      Map.entry("tokenizer", new TokenizerParity())
  );

  @TestFactory
  Stream<DynamicTest> everyFixtureCase() {
    var cases = Fixtures.cases();
    assertThat(cases).as("fixture cases under %s", Fixtures.root()).isNotEmpty();
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), c.dir().toUri(), () -> {
      assertThat(Files.exists(c.file("case.json")))
          .as("%s has no case.json, so its kind is unknown", c.dir()).isTrue();
      ParityCheck check = CHECKS.get(c.kind());
      assertThat(check)
          .as("fixture %s is of kind '%s', which no parity check supports (known: %s)",
              c.name(), c.kind(), CHECKS.keySet())
          .isNotNull();
      try (NDManager manager = NDManager.newBaseManager()) {
        check.check(c, manager, new ParityReport(c.name()));
      }
    }));
  }
}
