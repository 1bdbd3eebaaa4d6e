package io.dreamworker.model.engine.scheduling;

/**
 * One live request as the scheduler tracks it: its state machine, its current or pending work, and
 * what it holds (KV reservation, diffusion rows, KV positions used so far). Moves are checked: an
 * illegal one throws {@link IllegalStateException} naming the request, its state and the move.
 * Confined to the engine thread.
 */
final class TrackedRequest {

  private final long id;
  private final RequestShape shape;
  private final long kvFootprintTokens;
  private final long ownCacheTokens;
  private final String footprintAccount;

  private RequestState state = RequestState.WAITING_ADMISSION;
  // The work waiting, queued or running; the next stage's work once completed.
  private StageWork work;
  private long kvTokensUsed;
  private boolean holdsKvReservation;
  private int diffusionRowsHeld;

  TrackedRequest(long id, RequestShape shape, SequenceGeometry geometry, StageWork firstWork) {
    this.id = id;
    this.shape = shape;
    this.kvFootprintTokens = shape.kvFootprintTokens(geometry);
    this.ownCacheTokens = shape.ownCacheTokens(geometry);
    this.footprintAccount = shape.describeFootprint(geometry);
    checkWork(firstWork);
    this.work = firstWork;
    this.kvTokensUsed = firstWork.kvTokens();
  }

  long id() {
    return id;
  }

  RequestState state() {
    return state;
  }

  /** The stage of the current or pending work. */
  Stage stage() {
    return work.stage();
  }

  StageWork work() {
    return work;
  }

  long kvFootprintTokens() {
    return kvFootprintTokens;
  }

  long kvTokensUsed() {
    return kvTokensUsed;
  }

  boolean holdsKvReservation() {
    return holdsKvReservation;
  }

  void holdKvReservation(boolean held) {
    holdsKvReservation = held;
  }

  int diffusionRowsHeld() {
    return diffusionRowsHeld;
  }

  void holdDiffusionRows(int rows) {
    diffusionRowsHeld = rows;
  }

  /** Throws unless {@code transition} applies in the current state; changes nothing. */
  void check(Transition transition) {
    if (!transition.from().contains(state)) {
      throw new IllegalStateException("request " + id + " is " + state + " at " + work.stage()
          + "; '" + transition.event() + "' would move it to " + transition.to()
          + " but applies only from " + transition.from());
    }
  }

  void apply(Transition transition) {
    check(transition);
    state = transition.to();
  }

  /**
   * Throws unless {@code next} stays within what the request declared: rows the stage can take
   * for it, KV positions within its own cache; changes nothing.
   */
  void checkWork(StageWork next) {
    int maxRows = shape.maxRows(next.stage());
    if (next.rows() > maxRows) {
      throw new IllegalArgumentException("request " + id + " sends " + next.rows() + " row(s) to "
          + next.stage() + " but its shape allows at most " + maxRows + " there (" + shape + ")");
    }
    if (kvTokensUsed + next.kvTokens() > ownCacheTokens) {
      throw new IllegalArgumentException("request " + id + " would hold "
          + (kvTokensUsed + next.kvTokens()) + " KV positions, more than the " + ownCacheTokens
          + " its shape declared (" + footprintAccount + "); declare a larger shape at admission");
    }
  }

  /** Takes {@code next} as the request's work, after {@link #checkWork}. */
  void setWork(StageWork next) {
    checkWork(next);
    work = next;
    kvTokensUsed += next.kvTokens();
  }

  @Override
  public String toString() {
    return "request " + id + " (" + state + " at " + work.stage() + ")";
  }
}
