package io.dreamworker.loadtest.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dreamworker.loadtest.workload.JobSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChaosPlanTest {

  @Test
  void full_isTheIssuesOnDemandRun() {
    ChaosPlan full = ChaosPlan.full();
    assertThat(full.jobs()).isEqualTo(2000);
    assertThat(full.kills()).isEqualTo(20);
    assertThat(full.disruptions()).isGreaterThanOrEqualTo(25);
  }

  @Test
  void jobs_putThePoisonAmongTheFirstHalf_deterministically() {
    ChaosPlan plan = ChaosPlan.quick();
    List<JobSpec> jobs = ChaosRun.jobs(plan);
    assertThat(jobs).hasSize(plan.jobs() + plan.poisonJobs());
    assertThat(jobs).filteredOn(j -> j.fault().isPresent()).extracting(JobSpec::jobId)
        .containsExactlyInAnyOrder("poison-crash-1", "poison-engine-1", "poison-hang-1");
    int lastPoison = 0;
    for (int i = 0; i < jobs.size(); i++) {
      if (jobs.get(i).fault().isPresent()) {
        lastPoison = i;
      }
    }
    assertThat(lastPoison).isLessThan(jobs.size() / 2 + plan.poisonJobs());
    assertThat(ChaosRun.jobs(plan)).extracting(JobSpec::jobId).isEqualTo(jobs.stream().map(JobSpec::jobId).toList());
  }

  @Test
  void badPlans_areRefusedWithTheirValues() {
    assertThatThrownBy(() -> ChaosPlan.quick().withScale(0, 10, 1)).hasMessageContaining("workers must be at least 1, got 0");
    assertThatThrownBy(() -> ChaosPlan.quick().withScale(1, 10, -1)).hasMessageContaining("got -1");
    assertThatThrownBy(() -> new ChaosPlan(1, 1, 0, 0, 0, 0, 1, 0, 0, Duration.ofSeconds(1), Duration.ZERO, 1, 1,
        Duration.ofSeconds(1), Duration.ofSeconds(1), io.dreamworker.loadtest.workload.WorkloadMix.small(), 1))
        .hasMessageContaining("crashing jobs need maxAttempts of at least 2");
  }
}
