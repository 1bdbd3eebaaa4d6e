package io.dreamworker.model.shapes;

import java.util.List;
import java.util.Optional;

/**
 * What {@link ShapeJudge} read off an image. {@code scene} is present when the image could be read as a
 * valid scene; otherwise {@code problem} says why (e.g. no background, no shape, three blobs).
 * {@code shapes} holds the per-shape readings even when they do not form a valid scene, so per-attribute
 * accuracy can still credit what was drawn right.
 *
 * @param confidence in [0, 1]; the weakest of the background and shape readings, 0 when unreadable
 */
public record JudgeReading(Optional<Scene> scene, Optional<Background> background, List<ShapeReading> shapes,
    double confidence, String problem) {

  public JudgeReading {
    shapes = List.copyOf(shapes);
  }

  public boolean readable() {
    return scene.isPresent();
  }

  static JudgeReading unreadable(Optional<Background> background, List<ShapeReading> shapes, String problem) {
    return new JudgeReading(Optional.empty(), background, shapes, 0, problem);
  }

  /**
   * One connected blob of a shape colour.
   *
   * @param spec the nearest-class reading of shape, colour, size and position
   * @param pixels how many pixels the blob has
   * @param fill pixels over bounding-box area (circle about 0.785, square 1, triangle 0.5)
   * @param colorDistance mean RGB distance of the blob's pixels to the colour's blend line with the background
   * @param confidence in [0, 1], from the colour distance and how far fill and size are from class borders
   */
  public record ShapeReading(ShapeSpec spec, int pixels, double fill, double colorDistance, double confidence) {
  }
}
