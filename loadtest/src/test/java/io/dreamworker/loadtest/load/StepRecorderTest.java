package io.dreamworker.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.loadtest.audit.EventLedger;
import io.dreamworker.loadtest.report.Counts;
import io.dreamworker.loadtest.workload.JobKind;
import io.dreamworker.loadtest.workload.JobSpec;
import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.CompletionEvent.Status;
import io.dreamworker.schemas.ErrorInfo;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StepRecorderTest {
  private static final long MS = 1_000_000;
  private final StepRecorder recorder = new StepRecorder(5_000 * MS);

  private static JobSpec job(String id, JobKind kind) {
    return new JobSpec(id, kind, new byte[0], Optional.empty());
  }

  private static EventLedger.Arrival event(String id, Status status, long queuedMs) {
    CompletionEvent event = new CompletionEvent(id + "@jobs-0-0", "urn:test", Instant.now(),
        new CompletionEvent.Result(id, status, CompletionEvent.Outputs.NONE,
            status == Status.SUCCEEDED ? Optional.of("a caption") : Optional.empty(),
            new CompletionEvent.Timings(queuedMs, Map.of("llm", 40L), 100), new CompletionEvent.Bundle("b", "1"),
            status == Status.SUCCEEDED ? Optional.empty() : Optional.of(new ErrorInfo("ENGINE_FAILED", "no")),
            Map.of()));
    return new EventLedger.Arrival(event, Instant.now(), 0, 0);
  }

  @Test
  void onlyJobsSentInTheWindowAreMeasured_butEveryCompletionInItCountsForThroughput() {
    recorder.sent(job("warm", JobKind.CAPTION), 0);
    recorder.openWindow(1_000 * MS);
    recorder.sent(job("a", JobKind.CAPTION), 1_000 * MS);
    recorder.sent(job("b", JobKind.TEXT_TO_IMAGE), 1_500 * MS);
    recorder.closeWindow(3_000 * MS);
    recorder.sent(job("late", JobKind.CAPTION), 3_100 * MS);

    assertThat(recorder.arrived(event("warm", Status.SUCCEEDED, 5), 1_200 * MS)).isTrue();
    assertThat(recorder.arrived(event("a", Status.SUCCEEDED, 20), 1_400 * MS)).isTrue();
    assertThat(recorder.arrived(event("b", Status.FAILED, 30), 2_500 * MS)).isTrue();
    recorder.arrived(event("late", Status.SUCCEEDED, 5), 3_500 * MS);

    // Three completions in a two-second window; two measured jobs.
    assertThat(recorder.throughput()).isEqualTo(1.5);
    assertThat(recorder.counts()).isEqualTo(new Counts(2, 2, 1, 1, 0, 0, 0, 0));
    assertThat(recorder.all().count()).isEqualTo(2);
    assertThat(recorder.all().latency().maxMs()).isBetween(999.0, 1001.0);
    assertThat(recorder.byKind()).containsOnlyKeys("caption", "text_to_image");
    assertThat(recorder.byKind().get("caption").latency().p50Ms()).isBetween(399.0, 401.0);
    assertThat(recorder.byKind().get("caption").queueing().p50Ms()).isBetween(19.9, 20.1);
    assertThat(recorder.byKind().get("caption").stageMeansMs()).containsEntry("llm", 40.0);
  }

  @Test
  void secondEventOfAJob_isADuplicateNotACompletion() {
    recorder.openWindow(0);
    recorder.sent(job("a", JobKind.CAPTION), 10 * MS);
    assertThat(recorder.arrived(event("a", Status.SUCCEEDED, 1), 20 * MS)).isTrue();
    assertThat(recorder.arrived(event("a", Status.SUCCEEDED, 1), 30 * MS)).isFalse();
    recorder.closeWindow(1_000 * MS);
    assertThat(recorder.counts().completed()).isEqualTo(1);
    assertThat(recorder.counts().duplicated()).isEqualTo(1);
  }

  @Test
  void jobWithoutAnEvent_isLostAndTimedOut_andALateOneTimedOutOnly() {
    recorder.openWindow(0);
    recorder.sent(job("never", JobKind.CAPTION), 10 * MS);
    recorder.sent(job("slow", JobKind.CAPTION), 10 * MS);
    recorder.closeWindow(1_000 * MS);
    recorder.arrived(event("slow", Status.SUCCEEDED, 1), 6_000 * MS);

    Counts counts = recorder.counts();
    assertThat(counts.completed()).isEqualTo(1);
    assertThat(counts.timedOut()).isEqualTo(2);
    assertThat(counts.lost()).isEqualTo(1);
    assertThat(recorder.inFlight()).isEqualTo(1);
  }

  @Test
  void eventOfAnotherStepsJob_isIgnored() {
    assertThat(recorder.arrived(event("elsewhere", Status.SUCCEEDED, 1), 0)).isFalse();
  }
}
