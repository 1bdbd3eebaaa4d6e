package io.dreamworker.model.shapes;

/**
 * The one definition of each shape's outline, shared by the renderer (to draw) and the judge (to compare
 * a blob against each ideal outline). A shape of width {@code w} is centred on its box centre; a circle's
 * diameter and a square's side are {@code w}, an upright equilateral triangle has base {@code w} and
 * height {@code w * sqrt(3) / 2}.
 */
final class ShapeGeometry {

  private static final double SQRT3_HALF = Math.sqrt(3) / 2;

  private ShapeGeometry() {
  }

  static double height(Shape shape, double w) {
    return shape == Shape.TRIANGLE ? w * SQRT3_HALF : w;
  }

  /** Whether the offset (dx, dy) from the shape's centre lies inside the shape of width w. */
  static boolean inside(Shape shape, double dx, double dy, double w) {
    double h = height(shape, w);
    return switch (shape) {
      case SQUARE -> Math.abs(dx) <= w / 2 && Math.abs(dy) <= h / 2;
      case CIRCLE -> dx * dx + dy * dy <= (w / 2) * (w / 2);
      case TRIANGLE -> {
        // Depth below the apex, from 0 at the top to h at the base; the half-width grows linearly to w/2.
        double depth = dy + h / 2;
        yield depth >= 0 && depth <= h && Math.abs(dx) <= depth / h * (w / 2);
      }
    };
  }
}
