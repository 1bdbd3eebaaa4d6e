package io.dreamworker.model.shapes;

import io.dreamworker.model.shapes.JudgeReading.ShapeReading;
import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A deterministic judge that reads a scene off a 64x64 RGB image, for evaluating generated pictures
 * (GenEval-style) without a learned model. Steps:
 *
 * <ol>
 *   <li>background: the mean of the four 3x3 corner patches must lie within {@link #BACKGROUND_DISTANCE}
 *       of white or black (no valid scene covers a corner: shapes keep a margin inside their box);</li>
 *   <li>each pixel gets the shape colour it is a blend of with the background, if it is at least half that
 *       colour, else it is background (see {@link #label});</li>
 *   <li>4-connected blobs of one colour label, dropping specks under {@link #MIN_PIXELS};</li>
 *   <li>per blob: size from the bounding box's longer side (large above 21 px, halfway between the drawn
 *       14 and 28), position as the nearest of the five box centres to the bounding-box centre, shape
 *       as the ideal outline ({@link ShapeGeometry}) of the blob's width at the blob's centre with the
 *       highest intersection over union with the blob (the fill ratio, circle 0.785, square 1,
 *       triangle 0.5, is reported too).</li>
 * </ol>
 */
public final class ShapeJudge {

  /** Farther than this from every colour's blend line with the background, a pixel is noise. */
  static final double BLEND_RESIDUAL = 45;
  static final double BACKGROUND_DISTANCE = 60;
  static final int MIN_PIXELS = 24;
  /** Between the drawn small (14 px) and large (28 px) extents. */
  static final double LARGE_SIDE = 21;

  private static final int N = Scene.SIZE;
  private static final ShapeColor[] COLORS = ShapeColor.values();

  public JudgeReading judge(BufferedImage image) {
    if (image.getWidth() != N || image.getHeight() != N) {
      return JudgeReading.unreadable(Optional.empty(), List.of(),
          "image is " + image.getWidth() + "x" + image.getHeight() + ", the judge reads 64x64");
    }
    return judge(image.getRGB(0, 0, N, N, null, 0, N));
  }

  /** Reads packed 0xRRGGBB pixels, row-major, 64 * 64 of them. */
  public JudgeReading judge(int[] pixels) {
    if (pixels.length != N * N) {
      return JudgeReading.unreadable(Optional.empty(), List.of(),
          "got " + pixels.length + " pixels, the judge reads 64 * 64 = 4096");
    }
    double[] corner = cornerMean(pixels);
    Background background = corner[0] + corner[1] + corner[2] > 3 * 127.5 ? Background.WHITE : Background.BLACK;
    double backgroundDistance = distance(corner, background.level(), background.level(), background.level());
    if (backgroundDistance > BACKGROUND_DISTANCE) {
      return JudgeReading.unreadable(Optional.empty(), List.of(), String.format(
          "corners average (%.0f, %.0f, %.0f), neither white nor black", corner[0], corner[1], corner[2]));
    }
    double[] residuals = new double[pixels.length];
    int[] labels = label(pixels, background, residuals);
    List<ShapeReading> shapes = blobs(residuals, labels);
    Optional<Background> known = Optional.of(background);
    if (shapes.isEmpty()) {
      return JudgeReading.unreadable(known, shapes, "no shape found");
    }
    if (shapes.size() > 2) {
      return JudgeReading.unreadable(known, shapes, shapes.size() + " shapes found, a scene has 1 or 2");
    }
    List<ShapeSpec> specs = shapes.stream().map(ShapeReading::spec)
        .sorted(Comparator.comparing(ShapeSpec::position)).toList();
    Scene scene;
    try {
      scene = new Scene(background, specs);
    } catch (IllegalArgumentException e) {
      return JudgeReading.unreadable(known, shapes, "shapes do not form a valid scene: " + e.getMessage());
    }
    double confidence = 1 - backgroundDistance / BACKGROUND_DISTANCE;
    for (ShapeReading shape : shapes) {
      confidence = Math.min(confidence, shape.confidence());
    }
    return new JudgeReading(Optional.of(scene), known, shapes, confidence, "");
  }

  private static double[] cornerMean(int[] pixels) {
    double[] sum = new double[3];
    int count = 0;
    for (int cy : new int[] {0, N - 3}) {
      for (int cx : new int[] {0, N - 3}) {
        for (int y = cy; y < cy + 3; y++) {
          for (int x = cx; x < cx + 3; x++) {
            int p = pixels[y * N + x];
            sum[0] += (p >> 16) & 0xFF;
            sum[1] += (p >> 8) & 0xFF;
            sum[2] += p & 0xFF;
            count++;
          }
        }
      }
    }
    return new double[] {sum[0] / count, sum[1] / count, sum[2] / count};
  }

  /**
   * Per pixel: index into {@link #COLORS}, or -1 for background. A pixel is modelled as a blend
   * {@code bg + a * (colour - bg)}, as blurred or decoded edges are: it takes the colour whose blend line
   * passes nearest (within {@link #BLEND_RESIDUAL}) with at least half the colour ({@code a >= 0.5}). A
   * plain nearest-colour rule would call a red-over-white edge orange and lose the edges of small shapes.
   */
  private static int[] label(int[] pixels, Background background, double[] residuals) {
    int[] labels = new int[pixels.length];
    int level = background.level();
    for (int i = 0; i < pixels.length; i++) {
      double r = ((pixels[i] >> 16) & 0xFF) - level;
      double g = ((pixels[i] >> 8) & 0xFF) - level;
      double b = (pixels[i] & 0xFF) - level;
      int best = -1;
      double bestResidual = Double.MAX_VALUE;
      for (int c = 0; c < COLORS.length; c++) {
        double dr = COLORS[c].red() - level;
        double dg = COLORS[c].green() - level;
        double db = COLORS[c].blue() - level;
        double a = Math.min(1, (r * dr + g * dg + b * db) / (dr * dr + dg * dg + db * db));
        if (a < 0.5) {
          continue;
        }
        double residual = Math.sqrt(sq(r - a * dr) + sq(g - a * dg) + sq(b - a * db));
        if (residual < bestResidual) {
          bestResidual = residual;
          best = c;
        }
      }
      boolean shapePixel = best >= 0 && bestResidual <= BLEND_RESIDUAL;
      labels[i] = shapePixel ? best : -1;
      residuals[i] = shapePixel ? bestResidual : 0;
    }
    return labels;
  }

  private static List<ShapeReading> blobs(double[] residuals, int[] labels) {
    boolean[] seen = new boolean[labels.length];
    List<ShapeReading> readings = new ArrayList<>();
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    List<Integer> members = new ArrayList<>();
    for (int start = 0; start < labels.length; start++) {
      if (labels[start] < 0 || seen[start]) {
        continue;
      }
      members.clear();
      seen[start] = true;
      queue.add(start);
      while (!queue.isEmpty()) {
        int i = queue.poll();
        members.add(i);
        int x = i % N;
        int y = i / N;
        int[] neighbours = {x > 0 ? i - 1 : -1, x < N - 1 ? i + 1 : -1, y > 0 ? i - N : -1, y < N - 1 ? i + N : -1};
        for (int j : neighbours) {
          if (j >= 0 && !seen[j] && labels[j] == labels[start]) {
            seen[j] = true;
            queue.add(j);
          }
        }
      }
      if (members.size() >= MIN_PIXELS) {
        readings.add(read(residuals, members, COLORS[labels[start]]));
      }
    }
    return readings;
  }

  private static ShapeReading read(double[] residuals, List<Integer> members, ShapeColor color) {
    int minX = N;
    int minY = N;
    int maxX = -1;
    int maxY = -1;
    double residualSum = 0;
    for (int i : members) {
      int x = i % N;
      int y = i / N;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
      residualSum += residuals[i];
    }
    int width = maxX - minX + 1;
    int height = maxY - minY + 1;
    // Pixel i spans [i, i + 1), so the box [minX, maxX + 1) has its centre at (minX + maxX + 1) / 2.
    double centerX = (minX + maxX + 1) / 2.0;
    double centerY = (minY + maxY + 1) / 2.0;
    double fill = members.size() / (double) (width * height);
    // Compare the blob with each ideal outline of the blob's width at the blob's centre; blur eats the
    // corners of a small square, so fill ratio alone would call it a circle.
    boolean[] blob = new boolean[N * N];
    for (int i : members) {
      blob[i] = true;
    }
    double[] iou = new double[Shape.values().length];
    for (Shape candidate : Shape.values()) {
      iou[candidate.ordinal()] = overlap(blob, candidate, centerX, centerY, width, minX, maxX, minY, maxY);
    }
    Shape shape = Shape.CIRCLE;
    for (Shape candidate : Shape.values()) {
      if (iou[candidate.ordinal()] > iou[shape.ordinal()]) {
        shape = candidate;
      }
    }
    double runnerUp = 0;
    for (Shape candidate : Shape.values()) {
      if (candidate != shape) {
        runnerUp = Math.max(runnerUp, iou[candidate.ordinal()]);
      }
    }
    double side = Math.max(width, height);
    Size size = side > LARGE_SIDE ? Size.LARGE : Size.SMALL;
    Position position = nearestPosition(centerX, centerY);
    double colorDistance = residualSum / members.size();

    double colorMargin = 1 - colorDistance / BLEND_RESIDUAL;
    double sizeMargin = Math.min(1, Math.abs(side - LARGE_SIDE) / 7);
    // Clean renders separate the best outline from the runner-up by about 0.2 IoU (circle vs square).
    double shapeMargin = Math.min(1, (iou[shape.ordinal()] - runnerUp) / 0.2);
    double confidence = Math.max(0, Math.min(colorMargin, Math.min(sizeMargin, shapeMargin)));
    return new ShapeReading(new ShapeSpec(shape, color, size, position), members.size(), fill, colorDistance, confidence);
  }

  /** Intersection over union of the blob and the ideal outline, over the blob's box grown by 2 px. */
  private static double overlap(boolean[] blob, Shape shape, double cx, double cy, double w, int minX, int maxX,
      int minY, int maxY) {
    int both = 0;
    int either = 0;
    for (int y = Math.max(0, minY - 2); y <= Math.min(N - 1, maxY + 2); y++) {
      for (int x = Math.max(0, minX - 2); x <= Math.min(N - 1, maxX + 2); x++) {
        boolean ideal = ShapeGeometry.inside(shape, x + 0.5 - cx, y + 0.5 - cy, w);
        boolean actual = blob[y * N + x];
        if (ideal && actual) {
          both++;
        }
        if (ideal || actual) {
          either++;
        }
      }
    }
    return either == 0 ? 0 : both / (double) either;
  }

  private static Position nearestPosition(double x, double y) {
    Position best = Position.CENTER;
    double bestDistance = Double.MAX_VALUE;
    for (Position p : Position.values()) {
      double d = Math.hypot(x - p.centerX(), y - p.centerY());
      if (d < bestDistance) {
        bestDistance = d;
        best = p;
      }
    }
    return best;
  }

  private static double distance(double r, double g, double b, int cr, int cg, int cb) {
    return Math.sqrt(sq(r - cr) + sq(g - cg) + sq(b - cb));
  }

  private static double distance(double[] rgb, int cr, int cg, int cb) {
    return distance(rgb[0], rgb[1], rgb[2], cr, cg, cb);
  }

  private static double sq(double v) {
    return v * v;
  }
}
