package io.dreamworker.model.shapes;

import java.util.List;
import java.util.Objects;

/**
 * A 64x64 picture of the shapes world: a background and one or two shapes.
 *
 * <p>Overlap rule: a single shape may be anywhere (any size, any of the five positions). Two shapes
 * must sit in two different quadrants, never in the center. Each shape stays inside its own 32x32
 * quadrant whatever its size, so two shapes cannot overlap; a centred shape, even a small one, would
 * touch or cut into every quadrant box, so the center is reserved for single-shape scenes. The two
 * shapes are kept in reading order of their positions (top left, top right, bottom left, bottom right)
 * so that every scene has exactly one caption and a judged scene compares equal to the drawn one.
 */
public record Scene(Background background, List<ShapeSpec> shapes) {

  public static final int SIZE = 64;

  public Scene {
    Objects.requireNonNull(background, "background");
    Objects.requireNonNull(shapes, "shapes");
    shapes = List.copyOf(shapes);
    if (shapes.isEmpty() || shapes.size() > 2) {
      throw new IllegalArgumentException("a scene holds 1 or 2 shapes, got " + shapes.size());
    }
    if (shapes.size() == 2) {
      ShapeSpec first = shapes.get(0);
      ShapeSpec second = shapes.get(1);
      if (!first.position().isQuadrant() || !second.position().isQuadrant()) {
        throw new IllegalArgumentException("two shapes must both be in quadrants, got " + first.position().word()
            + " and " + second.position().word() + ": the center is only for a single shape");
      }
      if (first.position().compareTo(second.position()) >= 0) {
        throw new IllegalArgumentException("two shapes need different positions in reading order (top left, "
            + "top right, bottom left, bottom right), got " + first.position().word() + " then "
            + second.position().word());
      }
    }
  }

  public static Scene of(Background background, ShapeSpec... shapes) {
    return new Scene(background, List.of(shapes));
  }
}
