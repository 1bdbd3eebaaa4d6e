package io.dreamworker.model.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SceneRendererTest {

  private final SceneRenderer renderer = new SceneRenderer();

  @Test
  void pixels_holdOnlyTheSceneColours_exactly() {
    Scene scene = Scene.of(Background.BLACK, new ShapeSpec(Shape.CIRCLE, ShapeColor.PURPLE, Size.LARGE, Position.TOP_LEFT),
        new ShapeSpec(Shape.TRIANGLE, ShapeColor.YELLOW, Size.SMALL, Position.BOTTOM_RIGHT));
    Set<Integer> colours = Arrays.stream(renderer.pixels(scene)).boxed().collect(Collectors.toSet());
    assertThat(colours).containsExactlyInAnyOrder(0x000000, ShapeColor.PURPLE.rgb(), ShapeColor.YELLOW.rgb());
  }

  @Test
  void largeSquareInTheCenter_coversItsTwentyEightPixelBox() {
    int[] pixels = renderer.pixels(Scene.of(Background.WHITE,
        new ShapeSpec(Shape.SQUARE, ShapeColor.BLUE, Size.LARGE, Position.CENTER)));
    long blue = Arrays.stream(pixels).filter(p -> p == ShapeColor.BLUE.rgb()).count();
    assertThat(blue).isEqualTo(28 * 28);
    assertThat(pixels[18 * 64 + 18]).isEqualTo(ShapeColor.BLUE.rgb());
    assertThat(pixels[17 * 64 + 17]).isEqualTo(0xFFFFFF);
    assertThat(pixels[45 * 64 + 45]).isEqualTo(ShapeColor.BLUE.rgb());
    assertThat(pixels[46 * 64 + 46]).isEqualTo(0xFFFFFF);
  }

  @Test
  void circleAndTriangle_fillAboutPiOverFourAndHalfOfTheirBoxes() {
    long circle = count(Shape.CIRCLE);
    long triangle = count(Shape.TRIANGLE);
    assertThat(circle / (28.0 * 28)).isCloseTo(Math.PI / 4, org.assertj.core.data.Offset.offset(0.02));
    assertThat(triangle / (28.0 * 28 * Math.sqrt(3) / 2)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.03));
  }

  @Test
  void triangle_isUpright_narrowRowsOnTop() {
    int[] pixels = renderer.pixels(Scene.of(Background.WHITE,
        new ShapeSpec(Shape.TRIANGLE, ShapeColor.RED, Size.LARGE, Position.CENTER)));
    int top = -1;
    int bottom = -1;
    for (int y = 0; y < 64; y++) {
      final int row = y;
      long n = java.util.stream.IntStream.range(0, 64).filter(x -> pixels[row * 64 + x] != 0xFFFFFF).count();
      if (n > 0 && top < 0) {
        top = (int) n;
      }
      if (n > 0) {
        bottom = (int) n;
      }
    }
    assertThat(top).isLessThan(4);
    assertThat(bottom).isGreaterThan(24);
  }

  @Test
  void image_andBytes_matchThePixels() {
    Scene scene = new SceneSampler(5).next();
    int[] pixels = renderer.pixels(scene);
    BufferedImage image = renderer.image(scene);
    byte[] bytes = renderer.rgbBytes(scene);
    assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < pixels.length; i++) {
      assertThat(image.getRGB(i % 64, i / 64) & 0xFFFFFF).isEqualTo(pixels[i]);
      assertThat(((bytes[3 * i] & 0xFF) << 16) | ((bytes[3 * i + 1] & 0xFF) << 8) | (bytes[3 * i + 2] & 0xFF))
          .isEqualTo(pixels[i]);
    }
    assertThat(renderer.pixels(scene)).isEqualTo(pixels);
  }

  private long count(Shape shape) {
    return Arrays.stream(renderer.pixels(Scene.of(Background.WHITE,
        new ShapeSpec(shape, ShapeColor.GREEN, Size.LARGE, Position.CENTER)))).filter(p -> p != 0xFFFFFF).count();
  }

  @Test
  void png_decodesToTheSamePixels() throws Exception {
    Scene scene = new SceneSampler(4).next(2);
    SceneRenderer renderer = new SceneRenderer();
    BufferedImage decoded = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(renderer.png(scene)));
    int[] pixels = decoded.getRGB(0, 0, Scene.SIZE, Scene.SIZE, null, 0, Scene.SIZE);
    assertThat(Arrays.stream(pixels).map(p -> p & 0xFFFFFF).toArray()).isEqualTo(renderer.pixels(scene));
  }
}
