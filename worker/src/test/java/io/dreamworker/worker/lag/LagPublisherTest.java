package io.dreamworker.worker.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LagPublisherTest {

  @Test
  void disabledOptions_noClientNoThreadAndTheSourceIsNeverRead() {
    AtomicBoolean read = new AtomicBoolean();
    try (LagPublisher publisher = LagPublisher.start(LagPublisherOptions.disabled(), "workers", () -> {
      read.set(true);
      return new LagSample(Map.of(), 0);
    })) {
      assertThat(publisher).isSameAs(LagPublisher.disabled());
      assertThat(publisher.publishedRounds()).isZero();
      assertThat(publisher.failedRounds()).isZero();
    }
    assertThat(read).isFalse();
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(thread -> thread.getName().equals(CloudWatchLagPublisher.THREAD_NAME));
  }
}
