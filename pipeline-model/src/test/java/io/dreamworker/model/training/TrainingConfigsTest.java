package io.dreamworker.model.training;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A refused stage configuration names the values it was given. (A record's compact constructor runs
 * before its fields are set, so a message built from {@code this} showed zeros and nulls instead.)
 */
class TrainingConfigsTest {

  @Test
  void vae() {
    assertThatThrownBy(() -> new VaeTraining.Config(-3, 4, 1e-3f, 0.5f, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got steps -3, batchSize 4");
  }

  @Test
  void caption() {
    assertThatThrownBy(() -> new CaptionTraining.Config(10, 0, 1e-3f, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got steps 10, batchSize 0");
  }

  @Test
  void denoising() {
    assertThatThrownBy(() -> new DenoisingTraining.Config("denoise", 10, 16, 1e-3f, 1.5f, 0f, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stage 'denoise', steps 10")
        .hasMessageContaining("promptDropout 1.5");
  }

  @Test
  void mixed() {
    assertThatThrownBy(() -> new MixedTraining.Mix(1, -2, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stories -2");
    assertThatThrownBy(() -> new MixedTraining.Config("interleaved", 5, new MixedTraining.Mix(1, 0, 0, 0, 0), -1f,
        1f, 0.1f, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learningRate -1.0");
  }
}
