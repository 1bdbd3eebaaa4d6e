package io.dreamworker.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LivenessTest {
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final Liveness liveness = new Liveness(nanos::get);

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void loopSilentBeyondItsBound_isStalled_untilItBeatsAgain() {
    Liveness.Heartbeat poll = liveness.heartbeat("poll-loop", Duration.ofSeconds(30));
    Liveness.Heartbeat engine = liveness.heartbeat("engine", Duration.ofSeconds(60));
    advance(Duration.ofSeconds(30));
    assertThat(liveness.isAlive()).isTrue();
    advance(Duration.ofSeconds(1));
    assertThat(liveness.stalled()).containsExactly("poll-loop");
    poll.beat();
    engine.beat();
    assertThat(liveness.stalled()).isEmpty();
  }

  @Test
  void closedHeartbeat_nolongerCounts() {
    Liveness.Heartbeat poll = liveness.heartbeat("poll-loop", Duration.ofSeconds(1));
    poll.close();
    advance(Duration.ofMinutes(5));
    assertThat(liveness.isAlive()).isTrue();
    assertThat(liveness.heartbeat("poll-loop", Duration.ofSeconds(1))).isNotNull();
  }

  @Test
  void badRegistrations_areRefused() {
    liveness.heartbeat("poll-loop", Duration.ofSeconds(1));
    assertThatThrownBy(() -> liveness.heartbeat("poll-loop", Duration.ofSeconds(1)))
        .hasMessage("heartbeat \"poll-loop\" is registered twice; register it once");
    assertThatThrownBy(() -> liveness.heartbeat("other", Duration.ZERO))
        .hasMessage("maxSilence of heartbeat \"other\" must be positive, got PT0S");
  }

  @Test
  void defaultClock_isTheSystemsMonotonicClock() {
    Liveness real = new Liveness();
    real.heartbeat("loop", Duration.ofMinutes(1));
    assertThat(real.isAlive()).isTrue();
  }
}
