package io.dreamworker.worker.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * Whether the worker's loops still run: each loop beats a {@link Heartbeat} every iteration, and
 * one that has been silent longer than its bound counts as stalled. Backs {@code GET /healthz},
 * so that an orchestrator restarts a worker whose poll loop hangs while the process lives on.
 *
 * <p>Time is read from a monotonic nanosecond clock given at construction (tests pass a fake one).
 * Safe to use from any thread.
 */
public final class Liveness {
  private final LongSupplier nanoClock;
  private final List<Heartbeat> heartbeats = new CopyOnWriteArrayList<>();

  /** Liveness on {@link System#nanoTime()}. */
  public Liveness() {
    this(System::nanoTime);
  }

  /** Liveness on {@code nanoClock}, a monotonic clock in nanoseconds. */
  public Liveness(LongSupplier nanoClock) {
    this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
  }

  /**
   * A heartbeat for the loop {@code name}, counted as beating now.
   *
   * @param maxSilence how long the loop may go without a beat before it counts as stalled; choose
   *     it well above the loop's longest normal iteration (for a poll loop, the poll timeout plus
   *     the slowest work done between polls)
   * @throws IllegalArgumentException when a heartbeat of that name is registered, or the bound is
   *     not positive
   */
  public Heartbeat heartbeat(String name, Duration maxSilence) {
    Objects.requireNonNull(name, "name");
    if (maxSilence.isNegative() || maxSilence.isZero()) {
      throw new IllegalArgumentException("maxSilence of heartbeat \"" + name + "\" must be positive, got " + maxSilence);
    }
    Heartbeat h = new Heartbeat(name, maxSilence.toNanos(), nanoClock.getAsLong());
    synchronized (heartbeats) {
      if (heartbeats.stream().anyMatch(other -> other.name.equals(name))) {
        throw new IllegalArgumentException("heartbeat \"" + name + "\" is registered twice; register it once");
      }
      heartbeats.add(h);
    }
    return h;
  }

  /** The names of the loops silent for longer than their bound, in the order they were registered. */
  public List<String> stalled() {
    long now = nanoClock.getAsLong();
    List<String> stalled = new ArrayList<>();
    for (Heartbeat h : heartbeats) {
      if (now - h.lastBeatNanos > h.maxSilenceNanos) {
        stalled.add(h.name);
      }
    }
    return stalled;
  }

  /** Whether no loop is stalled. */
  public boolean isAlive() {
    return stalled().isEmpty();
  }

  /** One loop's heartbeat. {@link #close()} it when the loop ends on purpose (at shutdown). */
  public final class Heartbeat implements AutoCloseable {
    private final String name;
    private final long maxSilenceNanos;
    private volatile long lastBeatNanos;

    private Heartbeat(String name, long maxSilenceNanos, long now) {
      this.name = name;
      this.maxSilenceNanos = maxSilenceNanos;
      this.lastBeatNanos = now;
    }

    /** The loop is running: call once per iteration. */
    public void beat() {
      lastBeatNanos = nanoClock.getAsLong();
    }

    /** The loop has ended on purpose; it no longer counts. */
    @Override
    public void close() {
      heartbeats.remove(this);
    }
  }
}
