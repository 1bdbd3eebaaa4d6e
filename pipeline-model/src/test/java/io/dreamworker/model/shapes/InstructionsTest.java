package io.dreamworker.model.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InstructionsTest {

  private final Scene scene = Scene.of(Background.BLACK,
      new ShapeSpec(Shape.SQUARE, ShapeColor.GREEN, Size.SMALL, Position.BOTTOM_LEFT));

  @Test
  void describe_showsThePicture_answersWithTheCaption() {
    Instruction instruction = Instructions.describe(scene);
    assertThat(instruction.prompt()).isEqualTo("describe the image.");
    assertThat(instruction.input()).contains(scene);
    assertThat(instruction.response()).isEqualTo("a small green square at the bottom left on a black background");
    assertThat(instruction.outputs()).isEmpty();
  }

  @Test
  void draw_promptsWithTheCaption_answersWithOneDream() {
    Instruction instruction = Instructions.draw(scene);
    assertThat(instruction.prompt()).isEqualTo("draw a small green square at the bottom left on a black background.");
    assertThat(instruction.response()).isEqualTo("<dream>");
    assertThat(instruction.outputs()).containsExactly(scene);
  }

  @Test
  void storyPrompt_aboutAnOrangeShape_usesAn() {
    ShapeSpec orange = new ShapeSpec(Shape.CIRCLE, ShapeColor.ORANGE, Size.SMALL, Position.CENTER);
    Story story = new Story("test", orange, java.util.List.of(new Story.Sentence("x.", java.util.Optional.of(
        Scene.of(Background.WHITE, orange)))));
    assertThat(Instructions.story(story).prompt()).isEqualTo("write a short story with pictures about an orange circle.");
  }

  @Test
  void story_namesTheSubject_answersWithTheStory() {
    Story story = new Stories(9).next();
    Instruction instruction = Instructions.story(story);
    ShapeSpec subject = story.subject();
    String article = subject.color() == ShapeColor.ORANGE ? "an " : "a ";
    assertThat(instruction.prompt()).isEqualTo("write a short story with pictures about " + article
        + subject.color().word() + " " + subject.shape().word() + ".");
    assertThat(instruction.response()).isEqualTo(story.text());
    assertThat(instruction.outputs()).isEqualTo(story.pictures());
  }
}
