package io.dreamworker.model.shapes;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws valid scenes from a seed. {@link #next()} first picks one or two shapes with equal chance, then
 * a scene uniformly among all valid scenes with that many shapes (2 x 180 single-shape scenes, 2 x 6 x
 * 36 x 36 two-shape scenes); drawing uniformly over all scenes at once would make single-shape scenes
 * only 2% of the data.
 */
public final class SceneSampler {

  private static final Position[] QUADRANTS = {
      Position.TOP_LEFT, Position.TOP_RIGHT, Position.BOTTOM_LEFT, Position.BOTTOM_RIGHT};

  private final SplittableRandom random;

  public SceneSampler(long seed) {
    this.random = new SplittableRandom(seed);
  }

  public Scene next() {
    return next(1 + random.nextInt(2));
  }

  /** The next scene not in {@code excluded}: training draws with the held-out scenes excluded. */
  public Scene nextNotIn(Set<Scene> excluded) {
    Scene s;
    do {
      s = next();
    } while (excluded.contains(s));
    return s;
  }

  /** A uniformly drawn valid scene with {@code shapeCount} (1 or 2) shapes. */
  public Scene next(int shapeCount) {
    Background background = pick(Background.values());
    if (shapeCount == 1) {
      return Scene.of(background, spec(pick(Position.values())));
    }
    if (shapeCount != 2) {
      throw new IllegalArgumentException("shapeCount must be 1 or 2, got " + shapeCount);
    }
    int first = random.nextInt(4);
    int second = random.nextInt(3);
    if (second >= first) {
      second++;
    }
    List<ShapeSpec> shapes = new ArrayList<>(List.of(spec(QUADRANTS[first]), spec(QUADRANTS[second])));
    shapes.sort((a, b) -> a.position().compareTo(b.position()));
    return new Scene(background, shapes);
  }

  /** A shape with uniformly drawn shape, colour and size at the given position. */
  public ShapeSpec spec(Position position) {
    return new ShapeSpec(pick(Shape.values()), pick(ShapeColor.values()), pick(Size.values()), position);
  }

  /** A uniformly drawn element, for callers (story templates) that vary one attribute at a time. */
  public <T> T pick(T[] options) {
    return options[random.nextInt(options.length)];
  }

  public int nextInt(int bound) {
    return random.nextInt(bound);
  }
}
