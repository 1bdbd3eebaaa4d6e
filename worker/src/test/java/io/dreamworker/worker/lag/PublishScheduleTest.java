package io.dreamworker.worker.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PublishScheduleTest {
  private static final PublishSchedule MINUTE = new PublishSchedule(Duration.ofSeconds(60));

  @Test
  void startOfAMinute_firstRunHalfAMinuteLater() {
    assertThat(MINUTE.delayToNextRun(Instant.parse("2026-11-26T12:00:00Z"))).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void pastTheMiddle_waitsForTheNextMiddle() {
    assertThat(MINUTE.delayToNextRun(Instant.parse("2026-11-26T12:00:45Z"))).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void exactlyTheMiddle_runsNow() {
    assertThat(MINUTE.delayToNextRun(Instant.parse("2026-11-26T12:00:30Z"))).isZero();
  }

  @Test
  void anyMoment_periodStartIsTheMinuteItFallsIn() {
    assertThat(MINUTE.periodStart(Instant.parse("2026-11-26T12:07:59.999Z")))
        .isEqualTo(Instant.parse("2026-11-26T12:07:00Z"));
    assertThat(MINUTE.periodStart(Instant.parse("2026-11-26T12:08:00Z")))
        .isEqualTo(Instant.parse("2026-11-26T12:08:00Z"));
  }

  @Test
  void runsLateByLessThanHalfAnInterval_landOnceInEveryPeriod() {
    // Whatever moment a worker starts at, and however late each run is (under half an interval),
    // consecutive runs are stamped with consecutive periods: CloudWatch's Sum counts it once each.
    SplittableRandom random = new SplittableRandom(42);
    long intervalNanos = MINUTE.interval().toNanos();
    for (int worker = 0; worker < 1_000; worker++) {
      Instant start = Instant.parse("2026-11-26T00:00:00Z").plusNanos(random.nextLong(86_400_000_000_000L));
      Instant firstRun = start.plus(MINUTE.delayToNextRun(start));
      Instant previous = null;
      for (int run = 0; run < 5; run++) {
        long lateNanos = random.nextLong(intervalNanos / 2);
        Instant stamp = MINUTE.periodStart(firstRun.plusNanos(run * intervalNanos + lateNanos));
        if (previous != null) {
          assertThat(Duration.between(previous, stamp)).as("worker started at %s, run %d", start, run)
              .isEqualTo(MINUTE.interval());
        }
        previous = stamp;
      }
    }
  }

  @Test
  void intervalNotDividingAMinute_stillAlignsToTheEpoch() {
    PublishSchedule seven = new PublishSchedule(Duration.ofSeconds(7));
    Instant now = Instant.ofEpochSecond(7 * 1000 + 2);
    assertThat(seven.periodStart(now)).isEqualTo(Instant.ofEpochSecond(7000));
    assertThat(seven.delayToNextRun(now)).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void zeroInterval_refused() {
    assertThatThrownBy(() -> new PublishSchedule(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
