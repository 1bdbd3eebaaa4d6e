package io.dreamworker.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dreamworker.loadtest.report.LoadMode;
import io.dreamworker.loadtest.workload.WorkloadMix;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepPlanTest {

  @Test
  void standard_bracketsTheKneeOfEachSeries() {
    SweepPlan plan = SweepPlan.standard(WorkloadMix.shapes());
    assertThat(plan.series()).extracting(SeriesSpec::label)
        .containsExactly("1 worker, continuous", "1 worker, sequential", "2 workers, continuous");
    assertThat(plan.loads().get(0)).isLessThan(0.5);
    assertThat(plan.loads().get(plan.loads().size() - 1)).isGreaterThan(1);
  }

  @Test
  void series_parseFromWorkersAndMode() {
    assertThat(SeriesSpec.parse("2:sequential")).isEqualTo(new SeriesSpec(2, "sequential"));
    assertThatThrownBy(() -> SeriesSpec.parse("2")).hasMessageContaining("WORKERS:MODE");
    assertThatThrownBy(() -> SeriesSpec.parse("x:continuous")).hasMessageContaining("\"x\"");
    assertThatThrownBy(() -> SeriesSpec.parse("1:fast")).hasMessageContaining("continuous or sequential, got fast");
  }

  @Test
  void loadsMustAscend() {
    SweepPlan plan = SweepPlan.quick(WorkloadMix.small());
    assertThatThrownBy(() -> plan.withLoads(LoadMode.OPEN_LOOP, List.of(1.0, 0.5), false))
        .hasMessageContaining("ascending, got [1.0, 0.5]");
  }

  @Test
  void mixArgument_roundTrips() {
    WorkloadMix mix = WorkloadMix.shapes();
    assertThat(MixArgument.parse(MixArgument.format(mix))).isEqualTo(mix);
  }
}
