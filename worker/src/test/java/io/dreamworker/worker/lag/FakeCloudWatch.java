package io.dreamworker.worker.lag;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;

/** A CloudWatch that records PutMetricData requests and fails the next calls on demand. */
final class FakeCloudWatch implements CloudWatchClient {
  private final List<PutMetricDataRequest> requests = new ArrayList<>();
  private final AtomicInteger failNext = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch firstRequest = new CountDownLatch(1);

  @Override
  public synchronized PutMetricDataResponse putMetricData(PutMetricDataRequest request) {
    if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw (CloudWatchException) CloudWatchException.builder().message("User is not authorized to perform "
          + "cloudwatch:PutMetricData").statusCode(403).build();
    }
    requests.add(request);
    firstRequest.countDown();
    return PutMetricDataResponse.builder().build();
  }

  void failNextCalls(int calls) {
    failNext.set(calls);
  }

  synchronized List<PutMetricDataRequest> requests() {
    return List.copyOf(requests);
  }

  CountDownLatch firstRequest() {
    return firstRequest;
  }

  boolean closed() {
    return closed.get();
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {
    closed.set(true);
  }
}
