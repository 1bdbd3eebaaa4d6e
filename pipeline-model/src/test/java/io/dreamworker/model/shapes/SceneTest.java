package io.dreamworker.model.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SceneTest {

  private static ShapeSpec at(Position position) {
    return new ShapeSpec(Shape.CIRCLE, ShapeColor.RED, Size.LARGE, position);
  }

  @Test
  void singleShape_mayBeInTheCenter() {
    assertThat(Scene.of(Background.WHITE, at(Position.CENTER)).shapes()).hasSize(1);
  }

  @Test
  void twoShapes_inTheCenter_areRejectedNamingTheRule() {
    assertThatThrownBy(() -> Scene.of(Background.WHITE, at(Position.TOP_LEFT), at(Position.CENTER)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("center is only for a single shape");
  }

  @Test
  void twoShapes_atOnePosition_orOutOfReadingOrder_areRejected() {
    assertThatThrownBy(() -> Scene.of(Background.BLACK, at(Position.TOP_LEFT), at(Position.TOP_LEFT)))
        .hasMessageContaining("reading order");
    assertThatThrownBy(() -> Scene.of(Background.BLACK, at(Position.BOTTOM_LEFT), at(Position.TOP_RIGHT)))
        .hasMessageContaining("bottom left then top right");
  }

  @Test
  void noShape_orThreeShapes_areRejected() {
    assertThatThrownBy(() -> new Scene(Background.WHITE, List.of())).hasMessageContaining("1 or 2 shapes, got 0");
    assertThatThrownBy(() -> Scene.of(Background.WHITE, at(Position.TOP_LEFT), at(Position.TOP_RIGHT),
        at(Position.BOTTOM_LEFT))).hasMessageContaining("got 3");
  }

  @Test
  void colors_haveTheDomainsExactRgb() {
    assertThat(ShapeColor.RED.rgb()).isEqualTo(0xDC2828);
    assertThat(ShapeColor.ORANGE.rgb()).isEqualTo((240 << 16) | (130 << 8) | 30);
    assertThat(Background.WHITE.rgb()).isEqualTo(0xFFFFFF);
  }
}
