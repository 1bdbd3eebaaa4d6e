package io.dreamworker.model.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dreamworker.model.diffusion.vae.DecodedImages;
import io.dreamworker.model.shapes.Background;
import io.dreamworker.model.shapes.Position;
import io.dreamworker.model.shapes.Scene;
import io.dreamworker.model.shapes.SceneRenderer;
import io.dreamworker.model.shapes.Shape;
import io.dreamworker.model.shapes.ShapeColor;
import io.dreamworker.model.shapes.ShapeSpec;
import io.dreamworker.model.shapes.Size;
import java.util.List;
import org.junit.jupiter.api.Test;

class SceneImagesTest {

  private final Scene scene = Scene.of(Background.WHITE,
      new ShapeSpec(Shape.SQUARE, ShapeColor.BLUE, Size.LARGE, Position.CENTER));

  @Test
  void tensor_isChannelsFirstInMinusOneToOne() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = new SceneImages().tensor(List.of(scene, scene), m);
      assertThat(x.getShape().getShape()).containsExactly(2, 3, 64, 64);
      assertThat(x.get(1, 0, 0, 0).getFloat()).isEqualTo(1f);
      int blue = ShapeColor.BLUE.rgb();
      assertThat(x.get(0, 2, 32, 32).getFloat()).isEqualTo((blue & 0xFF) / 127.5f - 1f);
      assertThat(x.get(0, 0, 32, 32).getFloat()).isEqualTo(((blue >> 16) & 0xFF) / 127.5f - 1f);
    }
  }

  @Test
  void tensorThroughDecodedImages_givesTheRenderedPixelsBack() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = new SceneImages().tensor(List.of(scene), m);
      int[] back = SceneImages.packed(DecodedImages.toRgb(x).get(0));
      assertThat(back).isEqualTo(new SceneRenderer().pixels(scene));
    }
  }
}
