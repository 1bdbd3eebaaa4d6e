package io.dreamworker.model.engine.scheduling;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests waiting in line for a capacity (the KV budget, diffusion rows), served first come,
 * first served with bounded overtaking:
 *
 * <ul>
 *   <li>each pass walks the line oldest first and admits every request the capacity takes;
 *   <li>a request the capacity cannot take yet stays in place, and each later request admitted
 *       past it counts one bypass against it;
 *   <li>once a waiting request has been bypassed {@code maxBypasses} times, nothing behind it is
 *       admitted until it is.
 * </ul>
 *
 * Small requests keep the device busy while a large one waits, but the large one waits for at
 * most {@code maxBypasses} of them; then the line holds until running requests end and free
 * enough for it, which they do because every request fits the capacity alone. With 0 bypasses
 * this is strict FIFO (head-of-line blocking). Confined to the engine thread.
 */
final class WaitingLine {

  /** What the line waits for; takes a request's demand if it fits. */
  interface Capacity {
    /** Takes the request's demand and returns true if it fits now; otherwise changes nothing. */
    boolean tryAcquire(TrackedRequest request);
  }

  private static final class Waiter {
    final TrackedRequest request;
    int bypasses;

    Waiter(TrackedRequest request) {
      this.request = request;
    }
  }

  private final int maxBypasses;
  private final Map<Long, Waiter> waiters = new LinkedHashMap<>();

  WaitingLine(int maxBypasses) {
    if (maxBypasses < 0) {
      throw new IllegalArgumentException("maxBypasses must be at least 0, got " + maxBypasses);
    }
    this.maxBypasses = maxBypasses;
  }

  void add(TrackedRequest request) {
    if (waiters.putIfAbsent(request.id(), new Waiter(request)) != null) {
      throw new IllegalStateException(request + " is already waiting in line");
    }
  }

  boolean remove(long requestId) {
    return waiters.remove(requestId) != null;
  }

  /** Admits, oldest first, every request the capacity takes within the bypass bound. */
  List<TrackedRequest> admit(Capacity capacity) {
    List<TrackedRequest> admitted = new ArrayList<>();
    List<Waiter> passed = new ArrayList<>();
    // Bypasses left before the most-bypassed request passed over in this walk holds the line.
    int headroom = Integer.MAX_VALUE;
    Iterator<Waiter> it = waiters.values().iterator();
    while (it.hasNext() && headroom > 0) {
      Waiter w = it.next();
      if (capacity.tryAcquire(w.request)) {
        it.remove();
        admitted.add(w.request);
        passed.forEach(p -> p.bypasses++);
        headroom--;
      } else {
        passed.add(w);
        headroom = Math.min(headroom, maxBypasses - w.bypasses);
      }
    }
    return admitted;
  }

  int size() {
    return waiters.size();
  }

  boolean isEmpty() {
    return waiters.isEmpty();
  }

  /** How often the waiting request has been bypassed; -1 if it does not wait here. */
  int bypasses(long requestId) {
    Waiter w = waiters.get(requestId);
    return w == null ? -1 : w.bypasses;
  }
}
