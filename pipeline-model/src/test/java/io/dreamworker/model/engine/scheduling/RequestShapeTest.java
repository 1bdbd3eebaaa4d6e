package io.dreamworker.model.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequestShapeTest {

  private static final SequenceGeometry G = SequenceGeometry.DREAMLLM;

  @Test
  void interleavedFootprint_isPromptNewImagesAndDreams() {
    RequestShape shape = RequestShape.interleaved(100, 1, 500, 3, true, 0);

    // 100 + 500 + (1 + 3) x 258 + 3 x 66
    assertThat(shape.kvFootprintTokens(G)).isEqualTo(100 + 500 + 4 * 258 + 3 * 66);
  }

  @Test
  void negativePrompt_addsItsOwnCacheOnce() {
    RequestShape shape = RequestShape.textToImage(20, true, 10);

    assertThat(shape.ownCacheTokens(G)).isEqualTo(20 + 1 + 258 + 66);
    assertThat(shape.negativeCacheTokens(G)).isEqualTo(10 + 66);
    assertThat(shape.kvFootprintTokens(G)).isEqualTo(20 + 1 + 258 + 66 + 10 + 66);
  }

  @Test
  void caption_neverDreams() {
    RequestShape shape = RequestShape.caption(30, 2, 64);

    assertThat(shape.maxRows(Stage.VISION)).isEqualTo(2);
    assertThat(shape.maxRows(Stage.DECODE)).isEqualTo(1);
    assertThat(shape.maxRows(Stage.DREAM)).isZero();
    assertThat(shape.maxRows(Stage.DIFFUSION)).isZero();
    assertThat(shape.maxRows(Stage.VAE_DECODE)).isZero();
  }

  @Test
  void guidance_doublesDiffusionRows_negativePrompt_doublesDreamRows() {
    assertThat(RequestShape.textToImage(20, true, 0).maxRows(Stage.DIFFUSION)).isEqualTo(2);
    assertThat(RequestShape.textToImage(20, true, 0).maxRows(Stage.DREAM)).isEqualTo(1);
    assertThat(RequestShape.textToImage(20, true, 5).maxRows(Stage.DREAM)).isEqualTo(2);
    assertThat(RequestShape.textToImage(20, false, 0).maxRows(Stage.DIFFUSION)).isEqualTo(1);
    assertThat(RequestShape.textToImage(20, false, 0).maxRows(Stage.VISION)).isEqualTo(1);
  }

  @Test
  void inconsistentSizes_areRejected() {
    assertThatThrownBy(() -> RequestShape.caption(-1, 1, 4)).hasMessageContaining("promptTokens -1");
    assertThatThrownBy(() -> RequestShape.caption(0, 0, 4)).hasMessageContaining("neither");
    assertThatThrownBy(() -> RequestShape.interleaved(5, 0, 4, 1, false, 3))
        .hasMessageContaining("needs guidance");
    assertThatThrownBy(() -> RequestShape.interleaved(5, 0, 4, 0, true, 0))
        .hasMessageContaining("maxGeneratedImages is 0");
  }
}
