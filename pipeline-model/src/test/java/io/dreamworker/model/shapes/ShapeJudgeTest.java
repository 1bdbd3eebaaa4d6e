package io.dreamworker.model.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ShapeJudgeTest {

  private final SceneRenderer renderer = new SceneRenderer();
  private final ShapeJudge judge = new ShapeJudge();

  @Property(tries = 1000)
  void judge_readsBackEveryRenderedScene(@ForAll long seed) {
    Scene scene = new SceneSampler(seed).next();
    JudgeReading reading = judge.judge(renderer.pixels(scene));
    assertThat(reading.scene()).contains(scene);
    assertThat(reading.confidence()).isGreaterThan(0.5);
  }

  @Test
  void judge_readsEverySingleShapeScene() {
    for (Background background : Background.values()) {
      for (Shape shape : Shape.values()) {
        for (ShapeColor color : ShapeColor.values()) {
          for (Size size : Size.values()) {
            for (Position position : Position.values()) {
              Scene scene = Scene.of(background, new ShapeSpec(shape, color, size, position));
              assertThat(judge.judge(renderer.image(scene)).scene()).as(Captions.caption(scene)).contains(scene);
            }
          }
        }
      }
    }
  }

  @Test
  void judge_blurredAndNoisyRenders_readsAtLeastNinetyFivePercent() {
    SceneSampler sampler = new SceneSampler(2024);
    SplittableRandom noise = new SplittableRandom(99);
    int correct = 0;
    int n = 200;
    for (int i = 0; i < n; i++) {
      Scene scene = sampler.next();
      int[] degraded = NoisyImages.gaussianNoise(NoisyImages.blur(renderer.pixels(scene)), 10, noise);
      if (judge.judge(degraded).scene().filter(scene::equals).isPresent()) {
        correct++;
      }
    }
    System.out.printf("judge on blurred + noise(std 10) renders: %d / %d%n", correct, n);
    assertThat(correct / (double) n).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void judge_pureNoise_isUnreadable_notAnException() {
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 20; i++) {
      int[] pixels = new int[64 * 64];
      for (int p = 0; p < pixels.length; p++) {
        pixels[p] = random.nextInt(1 << 24);
      }
      JudgeReading reading = judge.judge(pixels);
      assertThat(reading.readable()).isFalse();
      assertThat(reading.problem()).isNotBlank();
      assertThat(reading.confidence()).isZero();
    }
  }

  @Test
  void judge_blankBackground_saysNoShape() {
    int[] white = new int[64 * 64];
    java.util.Arrays.fill(white, 0xFFFFFF);
    JudgeReading reading = judge.judge(white);
    assertThat(reading.readable()).isFalse();
    assertThat(reading.background()).contains(Background.WHITE);
    assertThat(reading.problem()).isEqualTo("no shape found");
  }

  @Test
  void judge_wrongImageSize_isUnreadable() {
    assertThat(judge.judge(new int[10]).problem()).contains("4096");
    assertThat(judge.judge(new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_INT_RGB))
        .readable()).isFalse();
  }

  @Test
  void judge_smallSpecks_areIgnored() {
    Scene scene = Scene.of(Background.WHITE, new ShapeSpec(Shape.SQUARE, ShapeColor.RED, Size.SMALL, Position.CENTER));
    int[] pixels = renderer.pixels(scene);
    for (int y = 3; y < 6; y++) {
      for (int x = 40; x < 43; x++) {
        pixels[y * 64 + x] = ShapeColor.BLUE.rgb();
      }
    }
    assertThat(judge.judge(pixels).scene()).contains(scene);
  }
}
