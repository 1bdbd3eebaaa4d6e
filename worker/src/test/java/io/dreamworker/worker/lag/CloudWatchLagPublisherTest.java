package io.dreamworker.worker.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;

class CloudWatchLagPublisherTest {
  private static final LagPublisherOptions EVERY_MINUTE =
      new LagPublisherOptions(true, "Dreamworker", Duration.ofSeconds(60), Optional.empty());
  private static final Clock HALF_PAST = Clock.fixed(Instant.parse("2026-11-26T12:00:30.250Z"), ZoneOffset.UTC);

  private final FakeCloudWatch cloudWatch = new FakeCloudWatch();
  private CloudWatchLagPublisher publisher;

  @AfterEach
  void close() {
    if (publisher != null) {
      publisher.close();
    }
  }

  @Test
  void oneRound_putsTheSampleIntoTheNamespaceStampedWithThePeriod() {
    publisher = CloudWatchLagPublisher.start(EVERY_MINUTE, "workers",
        () -> new LagSample(Map.of("jobs", 12L), 3), cloudWatch, false, HALF_PAST);

    publisher.publishOnce();

    assertThat(cloudWatch.requests()).hasSize(1);
    PutMetricDataRequest request = cloudWatch.requests().get(0);
    assertThat(request.namespace()).isEqualTo("Dreamworker");
    assertThat(request.metricData()).extracting(MetricDatum::value).containsExactly(12.0, 12.0, 3.0);
    assertThat(request.metricData()).extracting(MetricDatum::timestamp)
        .containsOnly(Instant.parse("2026-11-26T12:00:00Z"));
    assertThat(publisher.publishedRounds()).isEqualTo(1);
    assertThat(publisher.failedRounds()).isZero();
  }

  @Test
  void moreDataPointsThanOneRequestHolds_splitAcrossRequests() {
    Map<String, Long> lag = new HashMap<>();
    for (int topic = 0; topic < 30; topic++) {
      lag.put("jobs-" + topic, (long) topic);
    }
    publisher = CloudWatchLagPublisher.start(EVERY_MINUTE, "workers", () -> new LagSample(lag, 0), cloudWatch, false,
        HALF_PAST);

    publisher.publishOnce();

    List<PutMetricDataRequest> requests = cloudWatch.requests();
    assertThat(requests).extracting(r -> r.metricData().size())
        .containsExactly(CloudWatchLagPublisher.MAX_DATUMS_PER_REQUEST, 32 - CloudWatchLagPublisher.MAX_DATUMS_PER_REQUEST);
    assertThat(publisher.publishedRounds()).isEqualTo(1);
  }

  @Test
  void cloudWatchRefuses_roundCountedAsFailedAndTheNextOneSucceeds() {
    publisher = CloudWatchLagPublisher.start(EVERY_MINUTE, "workers", () -> new LagSample(Map.of("jobs", 1L), 0),
        cloudWatch, false, HALF_PAST);
    cloudWatch.failNextCalls(2);

    publisher.publishOnce();
    publisher.publishOnce();
    publisher.publishOnce();

    assertThat(publisher.failedRounds()).isEqualTo(2);
    assertThat(publisher.publishedRounds()).isEqualTo(1);
    assertThat(cloudWatch.requests()).hasSize(1);
  }

  @Test
  void sourceThrows_roundCountedAsFailedAndNothingPut() {
    publisher = CloudWatchLagPublisher.start(EVERY_MINUTE, "workers", () -> {
      throw new IllegalStateException("consumer loop is closing");
    }, cloudWatch, false, HALF_PAST);

    publisher.publishOnce();

    assertThat(publisher.failedRounds()).isEqualTo(1);
    assertThat(cloudWatch.requests()).isEmpty();
  }

  @Test
  void started_publishesOnItsOwnDaemonThread() throws InterruptedException {
    AtomicLong calls = new AtomicLong();
    LagPublisherOptions everySecond = new LagPublisherOptions(true, "Dreamworker", Duration.ofSeconds(1), Optional.empty());
    publisher = CloudWatchLagPublisher.start(everySecond, "workers", () -> {
      calls.incrementAndGet();
      assertThat(Thread.currentThread().getName()).isEqualTo(CloudWatchLagPublisher.THREAD_NAME);
      assertThat(Thread.currentThread().isDaemon()).isTrue();
      return new LagSample(Map.of("jobs", 5L), 1);
    }, cloudWatch, false, Clock.systemUTC());

    // The first run comes at the middle of the next one-second period: within 1.5 s.
    assertThat(cloudWatch.firstRequest().await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(calls.get()).isPositive();
    assertThat(publisher.failedRounds()).isZero();
  }

  @Test
  void closed_stopsPublishingAndClosesOnlyTheClientItOwns() {
    CloudWatchLagPublisher borrowing = CloudWatchLagPublisher.start(EVERY_MINUTE, "workers",
        () -> new LagSample(Map.of(), 0), cloudWatch, false, HALF_PAST);
    borrowing.close();
    assertThat(cloudWatch.closed()).isFalse();

    FakeCloudWatch owned = new FakeCloudWatch();
    CloudWatchLagPublisher owning = CloudWatchLagPublisher.start(EVERY_MINUTE, "workers",
        () -> new LagSample(Map.of(), 0), owned, true, HALF_PAST);
    owning.close();
    owning.close();
    assertThat(owned.closed()).isTrue();

    owning.publishOnce();
    assertThat(owning.failedRounds()).isZero();
  }

  @Test
  void blankConsumerGroup_refusedNamingTheKey() {
    assertThatThrownBy(() -> CloudWatchLagPublisher.start(EVERY_MINUTE, " ", () -> new LagSample(Map.of(), 0),
        cloudWatch, false, HALF_PAST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kafka.group-id");
  }
}
