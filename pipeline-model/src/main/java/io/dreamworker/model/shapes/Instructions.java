package io.dreamworker.model.shapes;

import io.dreamworker.model.text.SpecialTokens;
import java.util.List;
import java.util.Optional;

/**
 * The instruction-style prompts of the shapes world for SFT and for the {@code eval} command:
 * comprehension ({@code describe the image.} answered by the caption), creation ({@code draw <caption>.}
 * answered by one {@code <dream>}) and interleaved creation ({@code write a short story with pictures
 * about a <colour> <shape>.} ("an" before orange) answered by a story).
 */
public final class Instructions {

  public static final String DESCRIBE = "describe the image.";

  private Instructions() {
  }

  public static Instruction describe(Scene scene) {
    return new Instruction(DESCRIBE, Captions.caption(scene), Optional.of(scene), List.of());
  }

  public static Instruction draw(Scene scene) {
    return new Instruction("draw " + Captions.caption(scene) + ".", SpecialTokens.DREAM, Optional.empty(),
        List.of(scene));
  }

  public static Instruction story(Story story) {
    return new Instruction("write a short story with pictures about "
        + Stories.withArticle(Stories.name(story.subject(), false)) + ".",
        story.text(), Optional.empty(), story.pictures());
  }
}
