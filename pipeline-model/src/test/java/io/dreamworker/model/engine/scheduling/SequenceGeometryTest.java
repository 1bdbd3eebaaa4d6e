package io.dreamworker.model.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SequenceGeometryTest {

  @Test
  void dreamllm_spendsStartPatchesEndPerImageAndStartQueriesEndPerDream() {
    assertThat(SequenceGeometry.DREAMLLM).isEqualTo(new SequenceGeometry(258, 66));
  }

  @Test
  void nonPositivePositions_areRejected() {
    assertThatThrownBy(() -> new SequenceGeometry(0, 66)).hasMessageContaining("imagePositions");
  }
}
