package io.dreamworker.model.shapes;

import java.util.Objects;

/** One shape of a scene: what, which colour, how big, where. */
public record ShapeSpec(Shape shape, ShapeColor color, Size size, Position position) {

  public ShapeSpec {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(color, "color");
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(position, "position");
  }

  public ShapeSpec withSize(Size newSize) {
    return new ShapeSpec(shape, color, newSize, position);
  }

  public ShapeSpec withColor(ShapeColor newColor) {
    return new ShapeSpec(shape, newColor, size, position);
  }

  public ShapeSpec withPosition(Position newPosition) {
    return new ShapeSpec(shape, color, size, newPosition);
  }
}
