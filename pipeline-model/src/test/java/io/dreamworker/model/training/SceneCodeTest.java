package io.dreamworker.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dreamworker.model.shapes.Background;
import io.dreamworker.model.shapes.Position;
import io.dreamworker.model.shapes.Scene;
import io.dreamworker.model.shapes.Shape;
import io.dreamworker.model.shapes.ShapeColor;
import io.dreamworker.model.shapes.ShapeSpec;
import io.dreamworker.model.shapes.Size;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SceneCodeTest {
  private static final int DIM = 32;
  private static final int TOKENS = 8;

  private static final ShapeSpec RED_CIRCLE = new ShapeSpec(Shape.CIRCLE, ShapeColor.RED, Size.SMALL, Position.TOP_LEFT);
  private static final ShapeSpec BLUE_SQUARE =
      new ShapeSpec(Shape.SQUARE, ShapeColor.BLUE, Size.LARGE, Position.BOTTOM_RIGHT);
  private static final Scene TWO = Scene.of(Background.WHITE, RED_CIRCLE, BLUE_SQUARE);

  @Test
  void codeOfAScene_isBackgroundThenOneTokenPerShapeThenNull_andTheEmptyPromptIsAllNull() {
    SceneCode code = SceneCode.random(7, DIM, TOKENS);
    try (NDManager m = NDManager.newBaseManager()) {
      Scene one = Scene.of(Background.WHITE, RED_CIRCLE);
      NDArray rows = code.of(Arrays.asList(TWO, one, null), m);
      assertThat(rows.getShape().getShape()).containsExactly(3, TOKENS, DIM);
      float[][] two = tokens(rows, 0);
      float[][] single = tokens(rows, 1);
      float[][] empty = tokens(rows, 2);
      assertThat(single[0]).as("same background, same token").isEqualTo(two[0]);
      assertThat(single[1]).as("the same shape in the same slot").isEqualTo(two[1]);
      assertThat(two[2]).isNotEqualTo(two[1]);
      for (int t = 0; t < TOKENS; t++) {
        assertThat(empty[t]).isEqualTo(empty[0]);
      }
      assertThat(single[2]).as("a one-shape scene's second slot is null").isEqualTo(empty[0]);
      assertThat(two[3]).isEqualTo(empty[0]);
    }
  }

  @Test
  void codes_areFixedBySeed() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] a = SceneCode.random(7, DIM, TOKENS).of(List.of(TWO), m).toFloatArray();
      assertThat(SceneCode.random(7, DIM, TOKENS).of(List.of(TWO), m).toFloatArray()).isEqualTo(a);
      assertThat(SceneCode.random(8, DIM, TOKENS).of(List.of(TWO), m).toFloatArray()).isNotEqualTo(a);
    }
  }

  @Test
  void decodes_acceptsTheSceneItsOwnCodeWithNoise_andRefusesAttributesBoundToTheWrongShape() {
    SceneCode code = SceneCode.random(7, DIM, TOKENS);
    try (NDManager m = NDManager.newBaseManager()) {
      float[] exact = code.of(List.of(TWO), m).toFloatArray();
      assertThat(code.decodes(TWO, exact)).isTrue();
      float[] noisy = exact.clone();
      java.util.Random r = new java.util.Random(1);
      for (int i = 0; i < noisy.length; i++) {
        noisy[i] += (float) (r.nextGaussian() * 0.05);
      }
      assertThat(code.decodes(TWO, noisy)).isTrue();
      // The same words, with the colours swapped between the shapes: only binding tells the two apart.
      Scene swapped = Scene.of(Background.WHITE, RED_CIRCLE.withColor(ShapeColor.BLUE),
          BLUE_SQUARE.withColor(ShapeColor.RED));
      assertThat(code.decodes(TWO, code.of(List.of(swapped), m).toFloatArray())).isFalse();
      assertThat(code.decodes(Scene.of(Background.BLACK, RED_CIRCLE, BLUE_SQUARE), exact)).isFalse();
      assertThat(code.decodes(Scene.of(Background.WHITE, RED_CIRCLE), exact))
          .as("a second shape where the scene has none").isFalse();
    }
  }

  @Test
  void tooFewTokensOrNoWidth_areRefusedNamingThem() {
    assertThatThrownBy(() -> SceneCode.random(1, DIM, 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 3 tokens").hasMessageContaining("tokens 2");
    assertThatThrownBy(() -> SceneCode.random(1, 0, TOKENS)).hasMessageContaining("dim 0");
  }

  private static float[][] tokens(NDArray rows, int row) {
    float[] flat = rows.get(row).toFloatArray();
    float[][] out = new float[TOKENS][];
    for (int t = 0; t < TOKENS; t++) {
      out[t] = Arrays.copyOfRange(flat, t * DIM, (t + 1) * DIM);
    }
    return out;
  }
}
