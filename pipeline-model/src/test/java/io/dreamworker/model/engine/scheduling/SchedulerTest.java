package io.dreamworker.model.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dreamworker.model.engine.scheduling.SchedulerConfig.StageLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SchedulerTest {

  private static final SequenceGeometry G = new SequenceGeometry(10, 6);
  private static final GroupKey KEY = GroupKey.diffusion(64, 64, "ddim");
  private static final GroupKey RES = GroupKey.resolution(64, 64);
  private static final long MS = 1_000_000;

  /** Every stage: 4 rows, runs anything at once; budget 1000 tokens, 4 sequences, 4 rows. */
  private static SchedulerConfig eager() {
    Map<Stage, StageLimits> stages = new EnumMap<>(Stage.class);
    for (Stage s : Stage.values()) {
      stages.put(s, new StageLimits(4, 1, Duration.ZERO, 1));
    }
    return new SchedulerConfig(stages, 1_000, 4, 4, 0);
  }

  private static Decision.Run run(Decision d) {
    assertThat(d).isInstanceOf(Decision.Run.class);
    return (Decision.Run) d;
  }

  private static List<Long> ids(Decision.Run run) {
    return run.batch().stream().map(WorkItem::requestId).toList();
  }

  @Test
  void nothingSubmitted_isEmpty() {
    assertThat(new Scheduler(eager(), G).schedule(0)).isEqualTo(new Decision.Empty(List.of()));
  }

  @Test
  void requestThatCouldNeverFit_isRejected_andLeavesNoTrace() {
    Scheduler s = new Scheduler(eager().withKvCacheBudgetTokens(50), G);

    Admission a = s.admit(1, RequestShape.caption(40, 1, 20), StageWork.vision(1), 0);

    assertThat(a).isInstanceOf(Admission.Rejected.class);
    assertThat(((Admission.Rejected) a).reason())
        .contains("needs 70 KV tokens").contains("kvCacheBudgetTokens is 50");
    assertThat(s.tracks(1)).isFalse();
    assertThat(s.schedule(0)).isInstanceOf(Decision.Empty.class);
  }

  @Test
  void admitted_reportsFootprint_andRunsAtTheNextSchedule() {
    Scheduler s = new Scheduler(eager(), G);

    Admission a = s.admit(1, RequestShape.caption(40, 1, 20), StageWork.vision(1), 5);
    Decision.Run r = run(s.schedule(8));

    assertThat(a).isEqualTo(new Admission.Admitted(1, 70));
    assertThat(r.stage()).isEqualTo(Stage.VISION);
    assertThat(r.groupKey()).isEqualTo(GroupKey.NONE);
    assertThat(r.batch()).containsExactly(new WorkItem(1, StageWork.vision(1), 8));
    assertThat(r.dequeuedAtNanos()).isEqualTo(8);
  }

  @Test
  void duplicateLiveId_isAnError() {
    Scheduler s = new Scheduler(eager(), G);
    s.admit(1, RequestShape.caption(4, 0, 2), StageWork.prefill(4), 0);

    assertThatThrownBy(() -> s.admit(1, RequestShape.caption(4, 0, 2), StageWork.prefill(4), 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("request 1 (WAITING_ADMISSION at PREFILL) is live");
  }

  @Test
  void firstWorkAtAnInternalStage_isAnError() {
    Scheduler s = new Scheduler(eager(), G);

    assertThatThrownBy(() -> s.admit(1, RequestShape.caption(4, 0, 2), StageWork.decode(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must start at VISION or PREFILL, got DECODE");
  }

  @Test
  void entryStage_waitsToFill_untilDue_whileAdmissionIsOpen() {
    Scheduler s = new Scheduler(eager().withStage(Stage.PREFILL,
        new StageLimits(4, 2, Duration.ofMillis(5), 1)), G);
    s.admit(1, RequestShape.caption(4, 0, 2), StageWork.prefill(4), 0);

    assertThat(s.schedule(MS)).isEqualTo(new Decision.Idle(6 * MS, List.of()));
    assertThat(s.schedule(5 * MS)).isInstanceOf(Decision.Idle.class);
    assertThat(ids(run(s.schedule(6 * MS)))).containsExactly(1L);
  }

  @Test
  void entryStage_fillsToPreferred_andRunsAtOnce() {
    Scheduler s = new Scheduler(eager().withStage(Stage.PREFILL,
        new StageLimits(4, 2, Duration.ofMillis(5), 1)), G);
    s.admit(1, RequestShape.caption(4, 0, 2), StageWork.prefill(4), 0);
    s.schedule(MS);
    s.admit(2, RequestShape.caption(4, 0, 2), StageWork.prefill(4), 2 * MS);

    assertThat(ids(run(s.schedule(2 * MS)))).containsExactly(1L, 2L);
  }

  @Test
  void entryStage_runsAtOnce_whenAdmissionIsClosed() {
    Scheduler s = new Scheduler(eager().withMaxRunningSequences(1).withStage(Stage.PREFILL,
        new StageLimits(1, 1, Duration.ZERO, 1)).withStage(Stage.VISION,
        new StageLimits(4, 4, Duration.ofSeconds(1), 1)), G);
    s.admit(1, RequestShape.caption(4, 1, 2), StageWork.vision(1), 0);

    // One sequence slot, taken: no new request can arrive to fill the VISION batch.
    assertThat(run(s.schedule(0)).stage()).isEqualTo(Stage.VISION);
  }

  @Test
  void internalStage_runsAtOnce_whenNothingElseIsReady() {
    Scheduler s = new Scheduler(eager().withStage(Stage.DIFFUSION,
        new StageLimits(4, 4, Duration.ofSeconds(1), 1)), G);
    s.admit(1, RequestShape.textToImage(4, false, 0), StageWork.prefill(4), 0);
    s.schedule(0);
    s.completed(1, StageWork.dream(6, false), 0);
    s.schedule(0);
    s.completed(1, StageWork.diffusion(KEY, false), 0);

    Decision.Run r = run(s.schedule(0));

    assertThat(r.stage()).isEqualTo(Stage.DIFFUSION);
    assertThat(r.groupKey()).isEqualTo(KEY);
  }

  @Test
  void textToImage_walksEveryStage_andLeavesNoTrace() {
    Scheduler s = new Scheduler(eager(), G);
    s.admit(1, RequestShape.textToImage(4, true, 3), StageWork.prefill(4), 0);
    List<Stage> stages = new ArrayList<>();
    List<StageWork> plan = List.of(StageWork.dream(6, true), StageWork.diffusion(KEY, true),
        StageWork.diffusion(KEY, true), StageWork.vaeDecode(RES));
    for (StageWork next : plan) {
      stages.add(run(s.schedule(0)).stage());
      s.completed(1, next, 0);
    }
    stages.add(run(s.schedule(0)).stage());
    SchedulerSnapshot during = s.snapshot(0);
    s.finished(1);

    assertThat(stages).containsExactly(Stage.PREFILL, Stage.DREAM, Stage.DIFFUSION,
        Stage.DIFFUSION, Stage.VAE_DECODE);
    assertThat(during.reservedKvTokens()).isEqualTo(4 + 1 + 10 + 6 + 3 + 6);
    assertThat(s.tracks(1)).isFalse();
    SchedulerSnapshot after = s.snapshot(0);
    assertThat(after.reservedKvTokens()).isZero();
    assertThat(after.runningSequences()).isZero();
    assertThat(after.diffusionRowsInFlight()).isZero();
    assertThat(s.schedule(0)).isInstanceOf(Decision.Empty.class);
  }

  @Test
  void decode_isContinuous_sequencesJoinAndLeaveAtAnyStep() {
    Scheduler s = new Scheduler(eager(), G);
    s.admit(1, RequestShape.caption(4, 0, 9), StageWork.prefill(4), 0);
    s.admit(2, RequestShape.caption(4, 0, 9), StageWork.prefill(4), 0);
    assertThat(ids(run(s.schedule(0)))).containsExactly(1L, 2L);
    s.completed(1, StageWork.decode(), 0);
    s.completed(2, StageWork.decode(), 0);
    assertThat(ids(run(s.schedule(0)))).containsExactly(1L, 2L);
    s.completed(1, StageWork.decode(), 1);
    s.finished(2);
    s.admit(3, RequestShape.caption(4, 0, 9), StageWork.prefill(4), 1);
    // PREFILL of 3 and DECODE of 1 are both ready at equal virtual times: pipeline order decides.
    Decision.Run prefill = run(s.schedule(1));
    s.completed(3, StageWork.decode(), 2);
    Decision.Run decode = run(s.schedule(2));

    assertThat(prefill.stage()).isEqualTo(Stage.PREFILL);
    assertThat(decode.stage()).isEqualTo(Stage.DECODE);
    assertThat(ids(decode)).containsExactly(1L, 3L);
  }

  @Test
  void admission_waitsForBudget_andResumesWhenARequestEnds() {
    Scheduler s = new Scheduler(eager().withKvCacheBudgetTokens(100), G);
    s.admit(1, RequestShape.caption(60, 0, 0), StageWork.prefill(60), 0);
    s.admit(2, RequestShape.caption(60, 0, 0), StageWork.prefill(60), 0);

    assertThat(ids(run(s.schedule(0)))).containsExactly(1L);
    SchedulerSnapshot snapshot = s.snapshot(0);
    s.finished(1);

    assertThat(snapshot.waitingForAdmission()).isEqualTo(1);
    assertThat(snapshot.reservedKvTokens()).isEqualTo(60);
    assertThat(ids(run(s.schedule(3)))).containsExactly(2L);
  }

  @Test
  void newLatent_waitsForRowsInFlight_andEntersWhenOneLeaves() {
    Scheduler s = new Scheduler(eager().withMaxDiffusionRowsInFlight(2), G);
    for (long id = 1; id <= 2; id++) {
      s.admit(id, RequestShape.textToImage(4, true, 0), StageWork.prefill(4), 0);
    }
    s.schedule(0);
    s.completed(1, StageWork.diffusion(KEY, true), 0);
    s.completed(2, StageWork.diffusion(KEY, true), 0);

    Decision.Run first = run(s.schedule(0));
    SchedulerSnapshot snapshot = s.snapshot(0);
    s.completed(1, StageWork.vaeDecode(RES), 0);
    Decision.Run vae = run(s.schedule(0));
    s.finished(1);
    Decision.Run second = run(s.schedule(0));

    assertThat(ids(first)).containsExactly(1L);
    assertThat(snapshot.diffusionRowsInFlight()).isEqualTo(2);
    assertThat(snapshot.waitingForDiffusionRows()).isEqualTo(1);
    assertThat(vae.stage()).isEqualTo(Stage.VAE_DECODE);
    assertThat(second.stage()).isEqualTo(Stage.DIFFUSION);
    assertThat(ids(second)).containsExactly(2L);
  }

  @Test
  void cancelledQueuedRequest_isRemovedAtTheNextStep_andReported() {
    Scheduler s = new Scheduler(eager(), G);
    s.admit(1, RequestShape.caption(4, 0, 5), StageWork.prefill(4), 0);
    s.admit(2, RequestShape.caption(4, 0, 5), StageWork.prefill(4), 0);
    s.schedule(0);
    s.completed(1, StageWork.decode(), 0);
    s.completed(2, StageWork.decode(), 0);

    s.cancel(1);
    Decision.Run r = run(s.schedule(0));

    assertThat(r.cancelled()).containsExactly(1L);
    assertThat(ids(r)).containsExactly(2L);
    assertThat(s.tracks(1)).isFalse();
    assertThat(s.snapshot(0).reservedKvTokens()).isEqualTo(9);
    assertThat(s.snapshot(0).runningSequences()).isEqualTo(1);
  }

  @Test
  void cancelWhileRunning_takesEffectAfterTheBatchIsReported() {
    Scheduler s = new Scheduler(eager(), G);
    s.admit(1, RequestShape.caption(4, 0, 5), StageWork.prefill(4), 0);
    s.schedule(0);

    s.cancel(1);
    s.completed(1, StageWork.decode(), 0);
    Decision d = s.schedule(0);

    assertThat(d).isEqualTo(new Decision.Empty(List.of(1L)));
    assertThat(s.snapshot(0).reservedKvTokens()).isZero();
  }

  @Test
  void cancelOfAnEndedOrUnknownRequest_isIgnored() {
    Scheduler s = new Scheduler(eager(), G);
    s.admit(1, RequestShape.caption(4, 0, 5), StageWork.prefill(4), 0);
    s.schedule(0);
    s.finished(1);

    s.cancel(1);
    s.cancel(42);

    assertThat(s.schedule(0)).isEqualTo(new Decision.Empty(List.of()));
  }

  @Test
  void cancelWhileWaitingForAdmission_removesItFromTheLine() {
    Scheduler s = new Scheduler(eager().withKvCacheBudgetTokens(10), G);
    s.admit(1, RequestShape.caption(8, 0, 0), StageWork.prefill(8), 0);
    s.admit(2, RequestShape.caption(8, 0, 0), StageWork.prefill(8), 0);
    s.schedule(0);

    s.cancel(2);
    s.finished(1);
    Decision d = s.schedule(0);

    assertThat(d).isEqualTo(new Decision.Empty(List.of(2L)));
    assertThat(s.snapshot(0).waitingForAdmission()).isZero();
  }

  @Test
  void cancelledLatent_returnsItsRowsInFlight() {
    Scheduler s = new Scheduler(eager().withMaxDiffusionRowsInFlight(2), G);
    s.admit(1, RequestShape.textToImage(4, true, 0), StageWork.prefill(4), 0);
    s.schedule(0);
    s.completed(1, StageWork.diffusion(KEY, true), 0);
    s.schedule(0);
    s.completed(1, StageWork.diffusion(KEY, true), 0);

    s.cancel(1);
    s.schedule(0);

    assertThat(s.snapshot(0).diffusionRowsInFlight()).isZero();
    assertThat(s.liveRequests()).isZero();
  }

  @Test
  void schedulingWithUnreportedItems_isAnError() {
    Scheduler s = new Scheduler(eager(), G);
    s.admit(1, RequestShape.caption(4, 0, 5), StageWork.prefill(4), 0);
    s.schedule(0);

    assertThatThrownBy(() -> s.schedule(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("request 1 (RUNNING at PREFILL) is still in the previous batch");
  }

  @Test
  void reportingARequestThatIsNotRunning_namesItsStateAndTheMove() {
    Scheduler s = new Scheduler(eager(), G);
    s.admit(1, RequestShape.caption(4, 0, 5), StageWork.prefill(4), 0);

    assertThatThrownBy(() -> s.completed(1, StageWork.decode(), 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("request 1 is WAITING_ADMISSION at PREFILL")
        .hasMessageContaining("'completed' would move it to QUEUED")
        .hasMessageContaining("applies only from [RUNNING]");
    assertThatThrownBy(() -> s.finished(7))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("request 7 is not live").hasMessageContaining("'finished'");
  }

  @Test
  void workBeyondTheShape_isRejected_andChangesNothing() {
    Scheduler s = new Scheduler(eager(), G);
    s.admit(1, RequestShape.caption(4, 0, 5), StageWork.prefill(4), 0);
    s.schedule(0);

    assertThatThrownBy(() -> s.completed(1, StageWork.dream(6, false), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DREAM");
    s.completed(1, StageWork.decode(), 0);
    assertThat(ids(run(s.schedule(0)))).containsExactly(1L);
  }

  @Test
  void latentChangingRowsBetweenSteps_isRejected() {
    Scheduler s = new Scheduler(eager(), G);
    s.admit(1, RequestShape.textToImage(4, true, 0), StageWork.prefill(4), 0);
    s.schedule(0);
    s.completed(1, StageWork.diffusion(KEY, true), 0);
    s.schedule(0);

    assertThatThrownBy(() -> s.completed(1, StageWork.diffusion(KEY, false), 0))
        .hasMessageContaining("holds 2 diffusion row(s) but its next step has 1");
  }

  @Test
  void timeRunningBackwards_isAnError_andChangesNothing() {
    Scheduler s = new Scheduler(eager(), G);
    s.admit(1, RequestShape.caption(4, 0, 5), StageWork.prefill(4), 5 * MS);

    assertThatThrownBy(() -> s.schedule(5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schedule at 5 ns is before an earlier call at 5000000 ns");
    assertThat(ids(run(s.schedule(5 * MS)))).containsExactly(1L);
  }

  @Test
  void snapshot_reportsQueuesWaitsAndBudgets() {
    Scheduler s = new Scheduler(eager().withStage(Stage.VISION,
        new StageLimits(4, 4, Duration.ofSeconds(1), 1)), G);
    s.admit(1, RequestShape.caption(4, 2, 5), StageWork.vision(2), 0);
    s.admit(2, RequestShape.caption(4, 1, 5), StageWork.vision(1), 0);
    s.schedule(10 * MS);

    SchedulerSnapshot snapshot = s.snapshot(25 * MS);

    assertThat(snapshot.queuedItems()).containsEntry(Stage.VISION, 2).containsEntry(Stage.DECODE, 0);
    assertThat(snapshot.queuedRows()).containsEntry(Stage.VISION, 3);
    assertThat(snapshot.oldestWait()).containsEntry(Stage.VISION, Duration.ofMillis(15))
        .containsEntry(Stage.DECODE, Duration.ZERO);
    assertThat(snapshot.runningSequences()).isEqualTo(2);
    assertThat(snapshot.reservedKvTokens()).isEqualTo(29 + 19);
    assertThat(snapshot.kvCacheBudgetTokens()).isEqualTo(1_000);
  }

  @Test
  void cancelFromManyThreads_whileTheEngineSchedules_removesExactlyTheCancelled() throws Exception {
    int requests = 400;
    Scheduler s = new Scheduler(eager().withMaxRunningSequences(requests)
        .withKvCacheBudgetTokens(1_000_000), G);
    for (long id = 0; id < requests; id++) {
      s.admit(id, RequestShape.caption(4, 0, 1_000), StageWork.prefill(4), 0);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> cancellers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int first = t;
      cancellers.add(pool.submit(() -> {
        start.await();
        for (long id = first; id < requests; id += 8) {
          s.cancel(id);
        }
        return null;
      }));
    }
    List<Long> cancelled = new ArrayList<>();
    start.countDown();
    try {
      for (int step = 0; step < 2_000; step++) {
        Decision d = s.schedule(step);
        cancelled.addAll(d.cancelled());
        if (d instanceof Decision.Run run) {
          for (WorkItem item : run.batch()) {
            s.completed(item.requestId(), StageWork.decode(), step);
          }
        }
      }
      for (Future<?> f : cancellers) {
        f.get(10, TimeUnit.SECONDS);
      }
      cancelled.addAll(s.schedule(3_000).cancelled());
    } finally {
      pool.shutdownNow();
    }

    assertThat(cancelled).hasSize(requests / 2).doesNotHaveDuplicates()
        .allMatch(id -> id % 8 < 4);
    assertThat(s.liveRequests()).isEqualTo(requests / 2);
    assertThat(s.snapshot(0).runningSequences()).isEqualTo(requests / 2);
  }
}
