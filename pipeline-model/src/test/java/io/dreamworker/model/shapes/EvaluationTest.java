package io.dreamworker.model.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.dreamworker.model.shapes.Stories.Template;
import io.dreamworker.model.shapes.Story.Sentence;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EvaluationTest {

  private final SceneRenderer renderer = new SceneRenderer();
  private final ShapeJudge judge = new ShapeJudge();

  private static final ShapeSpec RED_CIRCLE = new ShapeSpec(Shape.CIRCLE, ShapeColor.RED, Size.SMALL, Position.TOP_LEFT);
  private static final ShapeSpec BLUE_SQUARE = new ShapeSpec(Shape.SQUARE, ShapeColor.BLUE, Size.LARGE, Position.BOTTOM_RIGHT);

  @Test
  void attributes_perfectRenders_scoreOneEverywhere() {
    List<Scene> scenes = List.of(Scene.of(Background.WHITE, RED_CIRCLE), Scene.of(Background.BLACK, RED_CIRCLE, BLUE_SQUARE));
    AttributeAccuracy accuracy = Evaluation.attributes(scenes, scenes.stream().map(s -> judge.judge(renderer.pixels(s))).toList());
    assertThat(accuracy).isEqualTo(new AttributeAccuracy(2, 3, 1, 1, 1, 1, 1, 1));
  }

  @Test
  void attributes_wrongColourOnOneShape_costsOnlyColourAndAll() {
    Scene expected = Scene.of(Background.WHITE, RED_CIRCLE, BLUE_SQUARE);
    Scene drawn = Scene.of(Background.WHITE, RED_CIRCLE, BLUE_SQUARE.withColor(ShapeColor.YELLOW));
    AttributeAccuracy accuracy = Evaluation.attributes(List.of(expected), List.of(judge.judge(renderer.pixels(drawn))));
    assertThat(accuracy.color()).isEqualTo(0.5);
    assertThat(accuracy.shape()).isEqualTo(1);
    assertThat(accuracy.size()).isEqualTo(1);
    assertThat(accuracy.position()).isEqualTo(1);
    assertThat(accuracy.all()).isZero();
  }

  @Test
  void attributes_rightShapeInTheWrongPlace_costsOnlyPosition() {
    Scene expected = Scene.of(Background.WHITE, RED_CIRCLE);
    Scene drawn = Scene.of(Background.WHITE, RED_CIRCLE.withPosition(Position.BOTTOM_RIGHT));
    AttributeAccuracy accuracy = Evaluation.attributes(List.of(expected), List.of(judge.judge(renderer.pixels(drawn))));
    assertThat(accuracy).isEqualTo(new AttributeAccuracy(1, 1, 1, 1, 1, 0, 1, 0));
  }

  @Test
  void attributes_unreadableImage_scoresZero_andCountsMismatchIsAnError() {
    Scene expected = Scene.of(Background.WHITE, RED_CIRCLE);
    JudgeReading nothing = judge.judge(new int[64 * 64]);
    AttributeAccuracy accuracy = Evaluation.attributes(List.of(expected), List.of(nothing));
    assertThat(accuracy).isEqualTo(new AttributeAccuracy(1, 1, 0, 0, 0, 0, 0, 0));
    assertThatThrownBy(() -> Evaluation.attributes(List.of(expected), List.of()))
        .hasMessageContaining("one reading per expected scene");
  }

  @Test
  void captions_parsesEachCaption_andExactRateComparesStrings() {
    Scene scene = Scene.of(Background.BLACK, BLUE_SQUARE);
    List<Scene> scenes = List.of(scene, scene, scene);
    List<String> captions = List.of(Captions.caption(scene), "a large blue circle at the bottom right on a black background",
        "a blue square somewhere");
    AttributeAccuracy accuracy = Evaluation.captions(scenes, captions);
    assertThat(accuracy.shape()).isCloseTo(1 / 3.0, offset(1e-9));
    assertThat(accuracy.color()).isCloseTo(2 / 3.0, offset(1e-9));
    assertThat(accuracy.all()).isCloseTo(1 / 3.0, offset(1e-9));
    assertThat(Evaluation.captionExact(scenes, captions)).isCloseTo(1 / 3.0, offset(1e-9));
  }

  @Test
  void placement_ofTheTemplatesOwnText_isPerfect() {
    Stories stories = new Stories(21);
    PlacementScore total = PlacementScore.ZERO;
    for (int i = 0; i < 50; i++) {
      Story story = stories.next();
      total = total.plus(Evaluation.placement(story.text()));
    }
    assertThat(total.precision()).isEqualTo(1);
    assertThat(total.recall()).isEqualTo(1);
    assertThat(total.f1()).isEqualTo(1);
  }

  @Test
  void placement_countsMisplacedDuplicateAndMissingMarkers() {
    Scene a = Scene.of(Background.WHITE, RED_CIRCLE);
    Scene b = Scene.of(Background.WHITE, RED_CIRCLE.withSize(Size.LARGE));
    // Marker after the intro (wrong), twice after sentence 1 (one right, one duplicate), none after 2.
    String generated = "once there was a red circle. <dream> first, " + Captions.caption(a) + ". <dream> <dream>"
        + " then it grows: " + Captions.caption(b) + ". the end.";
    assertThat(Evaluation.sentenceScenes(generated)).containsExactly(Optional.empty(), Optional.of(a),
        Optional.of(b), Optional.empty());
    PlacementScore score = Evaluation.placement(generated);
    assertThat(score).isEqualTo(new PlacementScore(1, 2, 1));
    assertThat(score.precision()).isCloseTo(1 / 3.0, offset(1e-9));
    assertThat(score.recall()).isEqualTo(0.5);
    assertThat(score.f1()).isCloseTo(0.4, offset(1e-9));
  }

  @Test
  void placement_markerBeforeAnySentence_isAFalsePositive() {
    assertThat(Evaluation.markerSentences("<dream> hello.")).containsExactly(-1);
    assertThat(Evaluation.placement("<dream> hello.").falsePositives()).isEqualTo(1);
  }

  @Test
  void describedScene_readsTheCaptionAfterTheLeadIn_andNothingElse() {
    Scene two = Scene.of(Background.BLACK, RED_CIRCLE, BLUE_SQUARE.withPosition(Position.BOTTOM_RIGHT));
    assertThat(Evaluation.describedScene("next, a large blue square appears: " + Captions.caption(two)))
        .contains(two);
    assertThat(Evaluation.describedScene("this is a story about a red circle")).isEmpty();
    assertThat(Evaluation.describedScene("then it grows: a large red blob in the center")).isEmpty();
  }

  @Test
  void placementScore_withNothingPlaced_hasRecallZeroAndFOneZero() {
    PlacementScore score = new PlacementScore(0, 0, 3);
    assertThat(score.precision()).isEqualTo(1);
    assertThat(score.recall()).isZero();
    assertThat(score.f1()).isZero();
  }
}
