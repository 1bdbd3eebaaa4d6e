package io.dreamworker.loadtest.fleet;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;

/**
 * Watches a consumer group's epoch (KIP-848: it grows by one each time the group's membership or
 * subscriptions change and a new target assignment is computed) and counts how often it moved: the
 * rebalances a run caused. Polls the group coordinator through the admin client on a thread of its
 * own.
 */
public final class GroupWatcher implements AutoCloseable {
  private static final Duration INTERVAL = Duration.ofMillis(250);

  private final Admin admin;
  private final String group;
  private final Thread thread;
  private volatile boolean closed;
  private volatile int firstEpoch = -1;
  private volatile int lastEpoch = -1;
  private volatile int members;

  private GroupWatcher(Admin admin, String group) {
    this.admin = admin;
    this.group = group;
    this.thread = Thread.ofPlatform().daemon().name("group-watcher").unstarted(this::watch);
  }

  public static GroupWatcher start(Admin admin, String group) {
    GroupWatcher watcher = new GroupWatcher(admin, group);
    watcher.thread.start();
    return watcher;
  }

  private void watch() {
    while (!closed) {
      describe().ifPresent(description -> {
        description.groupEpoch().ifPresent(epoch -> {
          if (firstEpoch < 0) {
            firstEpoch = epoch;
          }
          lastEpoch = Math.max(lastEpoch, epoch);
        });
        members = description.members().size();
      });
      try {
        Thread.sleep(INTERVAL);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private Optional<ConsumerGroupDescription> describe() {
    try {
      return Optional.ofNullable(admin.describeConsumerGroups(List.of(group)).all()
          .get(5, TimeUnit.SECONDS).get(group));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) {
      // Not created yet, or the coordinator is moving: the next look tells.
      return Optional.empty();
    }
  }

  /** Epoch changes seen since the first look (0 before the group exists). */
  public int rebalances() {
    return firstEpoch < 0 ? 0 : lastEpoch - firstEpoch;
  }

  /** Members at the last look. */
  public int members() {
    return members;
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
