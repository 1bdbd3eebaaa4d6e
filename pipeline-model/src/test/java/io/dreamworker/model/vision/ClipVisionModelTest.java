package io.dreamworker.model.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.nn.Activation;
import io.dreamworker.model.weights.MemorySource;
import io.dreamworker.model.weights.Weights;
import io.dreamworker.model.weights.WeightsException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Configurations the fixtures lack, checked by shapes and consistency properties. */
class ClipVisionModelTest {
  /** Image 48, patch 16 (a 3x3 grid), 2 layers, GELU. */
  private static final ClipVisionConfig SMALL =
      new ClipVisionConfig(32, 64, 4, 2, 48, 16, 3, Activation.GELU, 1e-5f);

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
    manager.getEngine().setRandomSeed(7);
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void otherSizes_giveTheReferenceShapes() {
    ClipVisionModel model = load(SMALL, RandomClipWeights.of(SMALL, manager, ""));

    ClipVisionOutput out = model.forward(pixels(2, SMALL));

    assertThat(out.hiddenStates()).hasSize(3);
    for (NDArray h : out.hiddenStates()) {
      assertThat(h.getShape()).isEqualTo(new Shape(2, 10, 32));
    }
    assertThat(out.lastHiddenState()).isSameAs(out.hiddenStates().get(2));
    assertThat(out.pooled().getShape()).isEqualTo(new Shape(2, 32));
    assertThat(out.patchFeatures(-2).getShape()).isEqualTo(new Shape(2, 9, 32));
  }

  @Test
  void stoppingEarly_matchesTheFullPassExactly() {
    ClipVisionModel model = load(SMALL, RandomClipWeights.of(SMALL, manager, ""));
    NDArray x = pixels(2, SMALL);
    ClipVisionOutput full = model.forward(x);

    for (int index = -3; index <= 2; index++) {
      assertThat(model.hiddenState(x, index).toFloatArray())
          .as("hidden state %d", index)
          .containsExactly(full.hiddenState(index).toFloatArray());
    }
    assertThat(model.patchFeatures(x, -2).toFloatArray())
        .containsExactly(full.patchFeatures(-2).toFloatArray());
  }

  @Test
  void penultimate_differsFromLast() {
    ClipVisionModel model = load(SMALL, RandomClipWeights.of(SMALL, manager, ""));
    ClipVisionOutput out = model.forward(pixels(1, SMALL));

    assertThat(out.hiddenState(-2).toFloatArray()).isNotEqualTo(out.hiddenState(-1).toFloatArray());
  }

  @Test
  void pooled_isPostLayernormOfTheLastClassToken() {
    MemorySource weights = RandomClipWeights.of(SMALL, manager, "");
    ClipVisionModel model = load(SMALL, weights);
    ClipVisionOutput out = model.forward(pixels(2, SMALL));

    NDArray cls = out.lastHiddenState().get(":, 0, :");
    NDArray expected = io.dreamworker.model.nn.LayerNorm
        .load(Weights.of(weights, manager), "post_layernorm", 32, 1e-5f).apply(cls);
    assertThat(out.pooled().toFloatArray()).containsExactly(expected.toFloatArray());
  }

  @Test
  void geluAndQuickGelu_runAndDiffer() {
    ClipVisionConfig quick = new ClipVisionConfig(32, 64, 4, 2, 48, 16, 3, Activation.QUICK_GELU, 1e-5f);
    MemorySource weights = RandomClipWeights.of(SMALL, manager, "");
    NDArray x = pixels(1, SMALL);

    float[] gelu = load(SMALL, weights).forward(x).lastHiddenState().toFloatArray();
    float[] quickGelu = load(quick, weights).forward(x).lastHiddenState().toFloatArray();

    assertThat(gelu).doesNotContain(Float.NaN);
    assertThat(gelu).isNotEqualTo(quickGelu);
    // Both activations approximate the same function: the outputs differ, but not wildly.
    assertThat(relativeDifference(gelu, quickGelu)).isBetween(1e-6, 0.2);
  }

  @Test
  void batch_isProcessedPerImage() {
    ClipVisionModel model = load(SMALL, RandomClipWeights.of(SMALL, manager, ""));
    NDArray a = pixels(1, SMALL);
    NDArray b = pixels(1, SMALL);

    float[] together = model.hiddenState(a.concat(b, 0), -2).get("1:").toFloatArray();
    float[] alone = model.hiddenState(b, -2).toFloatArray();

    assertThat(relativeDifference(together, alone)).isLessThan(1e-6);
  }

  @Test
  void classToken_seesThePatches() {
    ClipVisionModel model = load(SMALL, RandomClipWeights.of(SMALL, manager, ""));
    NDArray x = pixels(1, SMALL);
    NDArray y = x.duplicate();
    y.set(new ai.djl.ndarray.index.NDIndex(":, :, 0:16, 0:16"), 0f);

    float[] before = model.hiddenState(x, 1).get(":, 0, :").toFloatArray();
    float[] after = model.hiddenState(y, 1).get(":, 0, :").toFloatArray();
    float[] embedBefore = model.hiddenState(x, 0).get(":, 0, :").toFloatArray();
    float[] embedAfter = model.hiddenState(y, 0).get(":, 0, :").toFloatArray();

    // Before attention the class token ignores the pixels; after one layer it does not.
    assertThat(embedAfter).containsExactly(embedBefore);
    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void forwardPasses_keepOnlyTheirResults() {
    ClipVisionModel model = load(SMALL, RandomClipWeights.of(SMALL, manager, ""));
    NDArray x = pixels(2, SMALL);
    int before = ((ai.djl.ndarray.BaseNDManager) manager).getManagedArrays().size();

    model.hiddenState(x, -2);
    int afterOne = ((ai.djl.ndarray.BaseNDManager) manager).getManagedArrays().size();
    model.forward(x);
    int afterFull = ((ai.djl.ndarray.BaseNDManager) manager).getManagedArrays().size();

    assertThat(afterOne - before).isEqualTo(1);
    assertThat(afterFull - afterOne).isEqualTo(SMALL.numHiddenLayers() + 2);
  }

  @Test
  void visionModelPrefix_isFound() {
    MemorySource weights = RandomClipWeights.of(SMALL, manager, "vision_model.");
    Weights root = ClipVisionModel.moduleRoot(Weights.of(weights, manager));

    ClipVisionModel model = ClipVisionModel.load(root, SMALL);

    assertThat(model.hiddenState(pixels(1, SMALL), -1).getShape()).isEqualTo(new Shape(1, 10, 32));
    assertThat(root.fullName("pre_layrnorm.weight")).isEqualTo("vision_model.pre_layrnorm.weight");
  }

  @Test
  void missingTensor_isNamed() {
    Map<String, NDArray> arrays = new LinkedHashMap<>(
        RandomClipWeights.of(SMALL, manager, "").arrays());
    arrays.remove("encoder.layers.1.mlp.fc2.weight");

    assertThatThrownBy(() -> load(SMALL, new MemorySource(arrays)))
        .isInstanceOf(WeightsException.class)
        .hasMessageContaining("encoder.layers.1.mlp.fc2.weight");
  }

  @Test
  void wrongImageSize_isRefusedNamingTheExpectedShape() {
    ClipVisionModel model = load(SMALL, RandomClipWeights.of(SMALL, manager, ""));
    NDArray x = manager.zeros(new Shape(1, 3, 32, 32));

    assertThatThrownBy(() -> model.hiddenState(x, -2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[B, 3, 48, 48]")
        .hasMessageContaining("(1, 3, 32, 32)");
  }

  @Test
  void indexOutsideTheLayers_isRefusedWithTheRange() {
    ClipVisionModel model = load(SMALL, RandomClipWeights.of(SMALL, manager, ""));

    assertThatThrownBy(() -> model.hiddenState(pixels(1, SMALL), 3))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("[-3, 2]");
    assertThatThrownBy(() -> model.hiddenState(pixels(1, SMALL), -4))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  private ClipVisionModel load(ClipVisionConfig config, MemorySource weights) {
    return ClipVisionModel.load(Weights.of(weights, manager), config);
  }

  private NDArray pixels(int batch, ClipVisionConfig c) {
    return manager.randomNormal(new Shape(batch, c.numChannels(), c.imageSize(), c.imageSize()));
  }

  private static double relativeDifference(float[] a, float[] b) {
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < a.length; i++) {
      diff += (a[i] - b[i]) * (double) (a[i] - b[i]);
      norm += b[i] * (double) b[i];
    }
    return Math.sqrt(diff / norm);
  }
}
