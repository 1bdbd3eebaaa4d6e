package io.dreamworker.model.engine.scheduling;

/**
 * The KV-cache budget and the running-sequence slots: a request runs only while it holds a
 * reservation of its worst-case footprint and one slot, so the running set can never outgrow the
 * cache, whatever the requests do. No preemption: a reservation lasts until the request ends.
 * Confined to the engine thread.
 */
final class KvBudget implements WaitingLine.Capacity {

  private final long budgetTokens;
  private final int maxSequences;
  private long reservedTokens;
  private int sequences;

  KvBudget(long budgetTokens, int maxSequences) {
    this.budgetTokens = budgetTokens;
    this.maxSequences = maxSequences;
  }

  @Override
  public boolean tryAcquire(TrackedRequest request) {
    if (request.holdsKvReservation()) {
      throw new IllegalStateException(request + " already holds a KV reservation");
    }
    long tokens = request.kvFootprintTokens();
    if (sequences >= maxSequences || tokens > budgetTokens - reservedTokens) {
      return false;
    }
    reservedTokens += tokens;
    sequences++;
    request.holdKvReservation(true);
    return true;
  }

  /** Returns the request's reservation, if it holds one. */
  void release(TrackedRequest request) {
    if (!request.holdsKvReservation()) {
      return;
    }
    reservedTokens -= request.kvFootprintTokens();
    sequences--;
    request.holdKvReservation(false);
  }

  /** Whether one more request could start now: a free slot and some free tokens. */
  boolean hasRoom() {
    return sequences < maxSequences && reservedTokens < budgetTokens;
  }

  long reservedTokens() {
    return reservedTokens;
  }

  long budgetTokens() {
    return budgetTokens;
  }

  int sequences() {
    return sequences;
  }
}
