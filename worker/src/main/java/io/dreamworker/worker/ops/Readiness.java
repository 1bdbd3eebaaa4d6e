package io.dreamworker.worker.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Whether the worker should receive work: every registered condition holds ("bundle-loaded",
 * "partitions-assigned"). Backs {@code GET /readyz}.
 *
 * <p>A condition is either a flag that the owning code sets ({@link #flag}) or a test evaluated at
 * each probe ({@link #require}); a test that throws counts as unmet. Register every condition
 * before the server answers probes: with none registered, the worker counts as ready. Safe to
 * use from any thread.
 */
public final class Readiness {
  private record Condition(String name, BooleanSupplier met) {}

  private final List<Condition> conditions = new CopyOnWriteArrayList<>();

  /**
   * Adds a condition evaluated at each probe.
   *
   * @throws IllegalArgumentException when a condition of that name exists
   */
  public void require(String name, BooleanSupplier met) {
    Objects.requireNonNull(met, "met");
    synchronized (conditions) {
      if (conditions.stream().anyMatch(c -> c.name().equals(name))) {
        throw new IllegalArgumentException("readiness condition \"" + name + "\" is registered twice; register it once");
      }
      conditions.add(new Condition(Objects.requireNonNull(name, "name"), met));
    }
  }

  /** Adds a condition that holds once the returned flag is set, and until it is cleared. */
  public Flag flag(String name) {
    Flag flag = new Flag();
    require(name, flag::isSet);
    return flag;
  }

  /** The names of the conditions that do not hold, in the order they were registered. */
  public List<String> waitingFor() {
    List<String> waiting = new ArrayList<>();
    for (Condition c : conditions) {
      boolean met;
      try {
        met = c.met().getAsBoolean();
      } catch (RuntimeException e) {
        met = false;
      }
      if (!met) {
        waiting.add(c.name());
      }
    }
    return waiting;
  }

  /** Whether every condition holds. */
  public boolean isReady() {
    return waitingFor().isEmpty();
  }

  /** A condition the owning code sets and clears; not set at first. */
  public static final class Flag {
    private volatile boolean set;

    private Flag() {}

    /** The condition holds (the bundle is loaded, partitions are assigned). */
    public void set() {
      set = true;
    }

    /** The condition no longer holds (every partition was revoked). */
    public void clear() {
      set = false;
    }

    /** Sets or clears the flag. */
    public void set(boolean holds) {
      set = holds;
    }

    public boolean isSet() {
      return set;
    }
  }
}
