package io.dreamworker.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadinessTest {
  private final Readiness readiness = new Readiness();

  @Test
  void flags_holdOnceSetAndUntilCleared() {
    Readiness.Flag bundle = readiness.flag("bundle-loaded");
    Readiness.Flag partitions = readiness.flag("partitions-assigned");
    assertThat(readiness.waitingFor()).containsExactly("bundle-loaded", "partitions-assigned");
    bundle.set();
    assertThat(readiness.waitingFor()).containsExactly("partitions-assigned");
    partitions.set(true);
    assertThat(readiness.isReady()).isTrue();
    partitions.clear();
    assertThat(readiness.waitingFor()).containsExactly("partitions-assigned");
    assertThat(partitions.isSet()).isFalse();
  }

  @Test
  void tests_areEvaluatedAtEachProbe_andOneThatThrowsIsUnmet() {
    AtomicInteger assigned = new AtomicInteger();
    readiness.require("partitions-assigned", () -> assigned.get() > 0);
    readiness.require("broken", () -> {
      throw new IllegalStateException("boom");
    });
    assertThat(readiness.waitingFor()).containsExactly("partitions-assigned", "broken");
    assigned.set(3);
    assertThat(readiness.waitingFor()).containsExactly("broken");
  }

  @Test
  void noConditions_isReady() {
    assertThat(readiness.isReady()).isTrue();
  }

  @Test
  void nameRegisteredTwice_isRefused() {
    readiness.flag("bundle-loaded");
    assertThatThrownBy(() -> readiness.require("bundle-loaded", () -> true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("readiness condition \"bundle-loaded\" is registered twice; register it once");
  }
}
