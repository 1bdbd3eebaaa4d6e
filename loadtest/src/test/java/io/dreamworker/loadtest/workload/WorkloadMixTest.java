package io.dreamworker.loadtest.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dreamworker.schemas.CaptionJob;
import io.dreamworker.schemas.Decoded;
import io.dreamworker.schemas.InterleavedJob;
import io.dreamworker.schemas.JobCodec;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WorkloadMixTest {
  private static final JobCodec CODEC = new JobCodec();

  @Test
  void jobs_areValidJobsOfTheMixsKinds_withTheirIdsAsNamed() {
    List<JobSpec> jobs = WorkloadMix.small().jobs("run", 500, 7);

    assertThat(jobs).hasSize(500);
    assertThat(jobs.get(0).jobId()).isEqualTo("run-000001");
    for (JobSpec job : jobs) {
      Decoded decoded = CODEC.decode(job.value());
      assertThat(decoded).as(job.jobId()).isInstanceOf(Decoded.Valid.class);
      var parsed = ((Decoded.Valid) decoded).job();
      assertThat(parsed.jobId()).isEqualTo(job.jobId());
      switch (job.kind()) {
        case CAPTION -> assertThat(parsed).isInstanceOf(CaptionJob.class);
        case TEXT_TO_IMAGE -> assertThat(((InterleavedJob) parsed).maxImages()).isEqualTo(1);
        case INTERLEAVED -> assertThat(((InterleavedJob) parsed).prompt()).startsWith("write a short story");
      }
    }
    Map<JobKind, Long> byKind = jobs.stream().collect(Collectors.groupingBy(JobSpec::kind, Collectors.counting()));
    // 40/40/20 of 500, within sampling noise.
    assertThat(byKind.get(JobKind.CAPTION)).isBetween(160L, 240L);
    assertThat(byKind.get(JobKind.INTERLEAVED)).isBetween(60L, 140L);
  }

  @Test
  void sameSeed_sameJobsByteForByte_otherSeed_otherJobs() {
    Function<Long, List<String>> values = seed -> WorkloadMix.small().jobs("run", 50, seed).stream()
        .map(j -> new String(j.value(), java.nio.charset.StandardCharsets.UTF_8)).toList();
    assertThat(values.apply(3L)).isEqualTo(values.apply(3L));
    assertThat(values.apply(3L)).isNotEqualTo(values.apply(4L));
  }

  @Test
  void poison_isAValidCaptionNamingItsFault() {
    JobSpec poison = WorkloadMix.small().poison("p-1", "crash", 1);
    assertThat(poison.fault()).hasValue("crash");
    var job = ((Decoded.Valid) CODEC.decode(poison.value())).job();
    assertThat(job.metadata()).containsEntry("dw-fault", "crash");
    assertThat(poison.writesFiles()).isFalse();
  }

  @Test
  void badMix_isRefusedWithItsValues() {
    assertThatThrownBy(() -> new WorkloadMix(0, 0, 0, new WorkloadMix.IntRange(1, 2), new WorkloadMix.IntRange(1, 2),
        new WorkloadMix.IntRange(1, 1), 2)).hasMessageContaining("not all 0");
    assertThatThrownBy(() -> new WorkloadMix.IntRange(3, 2)).hasMessageContaining("3..2");
  }
}
