package io.dreamworker.model.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SceneSamplerTest {

  @Test
  void nextNotIn_skipsTheExcludedScenes_andOtherwiseDrawsTheSameSequence() {
    List<Scene> all = draw(3, 20);
    Set<Scene> excluded = Set.of(all.get(0), all.get(5));
    SceneSampler sampler = new SceneSampler(3);
    List<Scene> kept = IntStream.range(0, 10).mapToObj(i -> sampler.nextNotIn(excluded)).toList();
    assertThat(kept).doesNotContainAnyElementsOf(excluded)
        .isEqualTo(all.stream().filter(s -> !excluded.contains(s)).limit(10).toList());
  }

  @Test
  void sameSeed_sameScenes_otherSeed_otherScenes() {
    List<Scene> a = draw(7, 50);
    assertThat(draw(7, 50)).isEqualTo(a);
    assertThat(draw(8, 50)).isNotEqualTo(a);
  }

  @Test
  void manyDraws_coverEveryValueOfEveryAttribute_andBothCounts() {
    List<Scene> scenes = draw(1, 2000);
    Set<Object> seen = new HashSet<>();
    scenes.forEach(s -> {
      seen.add(s.background());
      seen.add(s.shapes().size());
      s.shapes().forEach(p -> seen.addAll(List.of(p.shape(), p.color(), p.size(), p.position())));
    });
    assertThat(seen).containsAll(EnumSet.allOf(Shape.class)).containsAll(EnumSet.allOf(ShapeColor.class))
        .containsAll(EnumSet.allOf(Size.class)).containsAll(EnumSet.allOf(Position.class))
        .containsAll(EnumSet.allOf(Background.class)).contains(1, 2);
  }

  @Test
  void singleShapeScenes_areDrawnUniformly_overAllHundredEightyCombinations() {
    SceneSampler sampler = new SceneSampler(3);
    int draws = 36_000;
    int[] counts = new int[360];
    for (int i = 0; i < draws; i++) {
      Scene s = sampler.next(1);
      ShapeSpec p = s.shapes().get(0);
      int index = ((((s.background().ordinal() * 3 + p.shape().ordinal()) * 6 + p.color().ordinal()) * 2
          + p.size().ordinal()) * 5) + p.position().ordinal();
      counts[index]++;
    }
    // Expected 100 per cell; a chi-square over 359 degrees of freedom stays below 450 unless biased.
    double chi = IntStream.of(counts).mapToDouble(c -> (c - 100.0) * (c - 100.0) / 100.0).sum();
    assertThat(chi).isLessThan(450);
  }

  private static List<Scene> draw(long seed, int n) {
    SceneSampler sampler = new SceneSampler(seed);
    return IntStream.range(0, n).mapToObj(i -> sampler.next()).toList();
  }
}
