package io.dreamworker.model.parity;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.model.conformance.ConformanceSuite;
import io.dreamworker.model.conformance.Fixtures;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case folder of the reference fixtures as a test of its own, named after the folder,
 * dispatching on the {@code kind} in its {@code case.json} (see {@link ConformanceSuite}). A folder
 * of an unknown kind, or without a {@code case.json}, fails: a new kind of fixture must never pass
 * by being skipped.
 */
class FixturesParityTest {

  @TestFactory
  Stream<DynamicTest> everyFixtureCase() {
    var cases = Fixtures.cases();
    assertThat(cases).as("fixture cases under %s", Fixtures.root()).isNotEmpty();
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), c.dir().toUri(),
        () -> ConformanceSuite.check(c, comparison -> System.out.println("parity " + comparison.describe()))));
  }
}
