package io.dreamworker.worker.commit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DecodedMetadataTest {

  @Test
  void validWithoutOffsets_isRefused() {
    assertThatThrownBy(() -> new DecodedMetadata.Valid(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offsets must not be null");
  }

  @Test
  void unreadableWithoutAReason_isRefused() {
    assertThatThrownBy(() -> new DecodedMetadata.Unreadable(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reason must say what was wrong, got ' '");
    assertThatThrownBy(() -> new DecodedMetadata.Unreadable(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reason must say what was wrong, got null");
  }
}
