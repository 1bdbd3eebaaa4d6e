package io.dreamworker.loadtest.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.worker.stack.WorkerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos harness's short run, as CI makes it: worker processes on the embedded Kafka broker and
 * S3 server, killed, stopped, added and removed while they work through jobs and poison jobs. Every
 * job must complete exactly once, with the files its event reports, and every poison job must fail
 * with its fault's error.
 */
class ChaosRunTest {
  @TempDir Path dir;

  @Test
  void quickRun_losesNothing_publishesNothingTwice_andEveryFileMatchesItsEvent() throws Exception {
    List<String> journal = new ArrayList<>();
    ChaosReport report = new ChaosRun(dir, Optional.empty(), WorkerProcess.thisClasspath(), line -> {
      journal.add(line);
      System.out.println(line);
    }).run(ChaosPlan.quick(), 0, 1);

    report.summary().forEach(System.out::println);
    assertThat(report.audit().problems()).as("problems").isEmpty();
    assertThat(report.audit().lost()).isZero();
    assertThat(report.audit().duplicated()).isZero();
    assertThat(report.audit().mismatched()).isZero();
    assertThat(report.poisonAsExpected()).isEqualTo(ChaosPlan.quick().poisonJobs());
    assertThat(report.kills()).isEqualTo(ChaosPlan.quick().kills());
    assertThat(report.terminations() + report.scaleOuts() + report.scaleIns()).isEqualTo(3);
    assertThat(report.rebalances()).isGreaterThanOrEqualTo(report.kills());
    // A well-formed job fails only when its last attempt, which runs alone, is killed: rare, and visible.
    assertThat(report.audit().byStatus().getOrDefault("succeeded", 0)).isGreaterThanOrEqualTo(ChaosPlan.quick().jobs() - 2);
    assertThat(report.audit().failedByCode().keySet()).isSubsetOf("WORKERS_LOST", "ENGINE_FAILED", "TIMED_OUT");
    assertThat(report.passed()).isTrue();

    Path json = dir.resolve("report.json");
    report.write(json);
    assertThat(Files.readString(json)).contains("\"lost\" : 0", "\"duplicated\" : 0", "\"mismatched\" : 0",
        "\"kills\" : 3");
  }
}
