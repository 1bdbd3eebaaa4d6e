package io.dreamworker.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dreamworker.model.shapes.Background;
import io.dreamworker.model.shapes.Position;
import io.dreamworker.model.shapes.Scene;
import io.dreamworker.model.shapes.Shape;
import io.dreamworker.model.shapes.ShapeColor;
import io.dreamworker.model.shapes.ShapeSpec;
import io.dreamworker.model.shapes.Size;
import io.dreamworker.model.training.MixedTraining.Dream;
import io.dreamworker.model.training.MixedTraining.Layout;
import io.dreamworker.model.training.MixedTraining.Shown;
import io.dreamworker.model.training.MixedTraining.Tokens;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MixedTrainingTest {
  private static final Scene SCENE = Scene.of(Background.WHITE,
      new ShapeSpec(Shape.CIRCLE, ShapeColor.RED, Size.SMALL, Position.CENTER));

  @Test
  void layout_asksForWrittenTokensOnly_eachFromThePositionBeforeIt() {
    // prompt [1 2] | written [7 8 <dream>=9] | dream (2 queries) | picture (3 features) | written [EOS=4]
    List<MixedTraining.Segment> row = List.of(new Tokens(new long[] {1, 2}, false), new Tokens(new long[] {7, 8, 9}, true),
        new Dream(SCENE), new Shown(SCENE), new Tokens(new long[] {4}, true));
    Layout layout = MixedTraining.layout(row, 2, 3);
    assertThat(layout.targets()).containsExactly(
        -1, 7, // the prompt's last position predicts the first written token
        8, 9, -1, // 7 predicts 8, 8 predicts <dream>; <dream> predicts nothing (the pipeline appends the queries)
        -1, -1, -1, -1, // <dream_start>, two queries, <dream_end>: nothing written
        -1, -1, -1, -1, 4, // <im_start>, three features, <im_end>, which predicts EOS
        -1);
    assertThat(layout.queryStarts()).containsExactly(6);
  }

  @Property(tries = 200)
  void layout_lengthIsTheSumOfTheParts_andEveryWrittenTokenIsAskedForOnce(
      @ForAll @IntRange(min = 1, max = 5) int prompt, @ForAll @IntRange(min = 0, max = 3) int pictures,
      @ForAll @IntRange(min = 1, max = 8) int queries, @ForAll @IntRange(min = 1, max = 9) int features) {
    List<MixedTraining.Segment> row = new java.util.ArrayList<>();
    row.add(new Tokens(new long[prompt], false));
    long written = 0;
    for (int i = 0; i < pictures; i++) {
      row.add(new Tokens(new long[] {10 + i, 20 + i}, true));
      row.add(new Dream(SCENE));
      row.add(new Shown(SCENE));
      written += 2;
    }
    row.add(new Tokens(new long[] {2}, true));
    written++;
    Layout layout = MixedTraining.layout(row, queries, features);
    assertThat(layout.targets()).hasSize(prompt + pictures * (2 + queries + 2 + features + 2) + 1);
    assertThat(java.util.Arrays.stream(layout.targets()).filter(t -> t >= 0).count()).isEqualTo(written);
    assertThat(layout.targets()[layout.targets().length - 1]).isEqualTo(-1);
    assertThat(layout.queryStarts()).hasSize(pictures);
  }

  @Test
  void codeWeight_withoutASceneCode_isRefusedBeforeAnyStep() {
    MixedTraining training = new MixedTraining(null, null, null, null, null, null, null, null, List.of());
    assertThatThrownBy(() -> training.train(MixedTraining.Config.interleaved().withSteps(1), java.util.Set.of(), null,
        LossLog.inMemory())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interleaved weighs the scene code's loss (1.0) but no scene code was given");
    assertThatThrownBy(() -> MixedTraining.Config.interleaved().withCodeWeight(-1f))
        .hasMessageContaining("codeWeight -1.0");
  }

  @Test
  void mix_withNothingInIt_isRefused() {
    assertThatThrownBy(() -> new MixedTraining.Mix(0, 0, 0, 0, 0)).hasMessageContaining("at least one sequence");
    assertThatThrownBy(() -> MixedTraining.Config.instructions().withSteps(-1)).hasMessageContaining("steps >= 0");
  }
}
