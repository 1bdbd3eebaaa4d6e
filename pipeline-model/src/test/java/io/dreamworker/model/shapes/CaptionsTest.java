package io.dreamworker.model.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CaptionsTest {

  @Test
  void oneShape_followsTheGrammar() {
    Scene scene = Scene.of(Background.WHITE, new ShapeSpec(Shape.CIRCLE, ShapeColor.RED, Size.SMALL, Position.TOP_LEFT));
    assertThat(Captions.caption(scene)).isEqualTo("a small red circle at the top left on a white background");
  }

  @Test
  void center_saysInTheCenter() {
    Scene scene = Scene.of(Background.BLACK, new ShapeSpec(Shape.TRIANGLE, ShapeColor.ORANGE, Size.LARGE, Position.CENTER));
    assertThat(Captions.caption(scene)).isEqualTo("a large orange triangle in the center on a black background");
  }

  @Test
  void twoShapes_joinedByAnd_beforeTheBackground() {
    Scene scene = Scene.of(Background.BLACK, new ShapeSpec(Shape.SQUARE, ShapeColor.GREEN, Size.LARGE, Position.TOP_RIGHT),
        new ShapeSpec(Shape.CIRCLE, ShapeColor.PURPLE, Size.SMALL, Position.BOTTOM_LEFT));
    assertThat(Captions.caption(scene)).isEqualTo(
        "a large green square at the top right and a small purple circle at the bottom left on a black background");
  }

  @Property(tries = 300)
  void parse_invertsCaption(@ForAll long seed) {
    Scene scene = new SceneSampler(seed).next();
    assertThat(Captions.parse(Captions.caption(scene))).isEqualTo(scene);
  }

  @Test
  void parse_toleratesSurroundingSpaceAndAFinalPeriod() {
    assertThat(Captions.parse("  a small blue square  at the bottom right on a white background. "))
        .isEqualTo(Scene.of(Background.WHITE, new ShapeSpec(Shape.SQUARE, ShapeColor.BLUE, Size.SMALL, Position.BOTTOM_RIGHT)));
  }

  @Test
  void parse_unknownWord_namesWordPositionAndOptions() {
    assertThatThrownBy(() -> Captions.parse("a small pink circle at the top left on a white background"))
        .isInstanceOf(CaptionParseException.class)
        .hasMessageContaining("expected a colour (red, green, blue, yellow, purple, orange) at word 3 but found 'pink'");
  }

  @Test
  void parse_textOutsideTheGrammar_failsClearly() {
    assertThatThrownBy(() -> Captions.parse("a small red circle at the middle left on a white background"))
        .isInstanceOf(CaptionParseException.class).hasMessageContaining("found 'middle'");
    assertThatThrownBy(() -> Captions.parse("a small red circle at the top left"))
        .isInstanceOf(CaptionParseException.class).hasMessageContaining("the caption ended");
    assertThatThrownBy(() -> Captions.parse("a small red circle at the top left on a white background please"))
        .isInstanceOf(CaptionParseException.class).hasMessageContaining("expected end of caption at word 13");
    assertThatThrownBy(() -> Captions.parse(""))
        .isInstanceOf(CaptionParseException.class);
  }

  @Test
  void parse_grammaticalButInvalidScene_reportsTheSceneRule() {
    assertThatThrownBy(() -> Captions.parse(
        "a small red circle in the center and a large red square at the top left on a white background"))
        .isInstanceOf(CaptionParseException.class).hasMessageContaining("invalid scene");
  }
}
