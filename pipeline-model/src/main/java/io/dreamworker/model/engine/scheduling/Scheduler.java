package io.dreamworker.model.engine.scheduling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;

/**
 * Decides what the batching engine runs next: iteration-level scheduling over one queue per
 * {@link Stage}, in the manner of Orca and vLLM, extended to DreamLLM's dream queries, diffusion
 * steps and VAE decodes. It never touches the model; the engine's step reads
 *
 * <pre>{@code
 * Decision d = scheduler.schedule(now);         // schedule
 * runner.release(d.cancelled());                 // free what cancelled requests held
 * if (d instanceof Decision.Run run) {
 *   runner.execute(run);                         // execute, then update:
 *   scheduler.recordExecution(run.stage(), took);
 *   // per item: scheduler.completed(id, nextWork, now) or scheduler.finished(id)
 * }
 * }</pre>
 *
 * <p>Contract with the engine:
 *
 * <ul>
 *   <li>{@link #admit} refuses a request that could never fit, and otherwise queues it for
 *       admission; it is admitted (its worst-case KV footprint reserved) at a later
 *       {@link #schedule} once it fits, and keeps the reservation until it ends;
 *   <li>every item of a {@link Decision.Run} must be reported with {@link #completed} or
 *       {@link #finished} before the next {@link #schedule}; a failed request is reported
 *       finished, after the runner has failed its future;
 *   <li>illegal moves (reporting a request that is not running, sending work beyond the
 *       request's declared shape) throw and change nothing.
 * </ul>
 *
 * <p>Policies, each in a class of its own and summarized in the package documentation:
 * admission is first come, first served with bounded overtaking ({@code WaitingLine}); a stage is
 * ready when full, due, or when waiting cannot help ({@code ReadinessRule}); among ready stages
 * device time is shared by weight ({@code FairShare}); within a stage the batch is the oldest
 * work of one group ({@code StageQueue}).
 */
public final class Scheduler {

  /*
   * Concurrency. The scheduler is confined to the engine thread, with one exception: cancel may
   * be called from any thread (a caller cancelling its future). Cancellations go into a lock-free
   * queue that schedule drains first, so a cancellation takes effect at the next step, between
   * two batches, never under a batch the runner is executing. Nothing else is shared, so nothing
   * else is locked.
   *
   * Ownership. A request lives in exactly one place: the admission line, the diffusion-rows line,
   * one stage queue, or the running batch. It holds a KV reservation from admission to its end,
   * and diffusion rows from entering DIFFUSION to leaving it. Ended requests leave no trace.
   */

  // Fixed at construction; each part below got only the limits it enforces.
  private final SequenceGeometry geometry;
  private final AdmissionCheck admissionCheck;

  // Any thread: cancellations not yet applied.
  private final Queue<Long> cancellations = new ConcurrentLinkedQueue<>();

  // Engine thread: the live requests and where they wait.
  private final Map<Long, TrackedRequest> requests = new HashMap<>();
  private final WaitingLine admissionLine;
  private final WaitingLine diffusionLine = new WaitingLine(0);
  private final Map<Stage, StageQueue> queues = new EnumMap<>(Stage.class);
  private final Set<Long> running = new LinkedHashSet<>();
  // The latest time passed in; time never runs backwards on one monotonic clock.
  private boolean clockStarted;
  private long latestNanos;

  // Engine thread: capacities and the stage choice.
  private final KvBudget kvBudget;
  private final DiffusionRows diffusionRows;
  private final FairShare fairShare;

  /**
   * A scheduler enforcing {@code config}, with footprints counted in {@code geometry}'s positions
   * per image and per dream pass.
   */
  public Scheduler(SchedulerConfig config, SequenceGeometry geometry) {
    Objects.requireNonNull(config, "config");
    this.geometry = Objects.requireNonNull(geometry, "geometry");
    this.admissionCheck = new AdmissionCheck(config, geometry);
    this.admissionLine = new WaitingLine(config.maxAdmissionBypasses());
    this.kvBudget = new KvBudget(config.kvCacheBudgetTokens(), config.maxRunningSequences());
    this.diffusionRows = new DiffusionRows(config.maxDiffusionRowsInFlight());
    Map<Stage, Integer> weights = new EnumMap<>(Stage.class);
    for (Stage stage : Stage.values()) {
      queues.put(stage, new StageQueue(stage, config.limits(stage)));
      weights.put(stage, config.limits(stage).fairnessWeight());
    }
    this.fairShare = new FairShare(weights);
  }

  /**
   * Why a request of this shape could never run within the limits, or empty if it could. A pure
   * function of the configuration: safe from any thread, so that callers can refuse a request at
   * submit, before it is queued; {@link #admit} applies the same check.
   */
  public Optional<String> refusal(long requestId, RequestShape shape) {
    return admissionCheck.refusal(requestId, Objects.requireNonNull(shape, "shape"));
  }

  /**
   * Takes a request into the admission queue, or refuses it if it could never run within the
   * limits. Engine thread.
   *
   * @param requestId unique among live requests
   * @param shape its declared size; its work may never exceed it
   * @param firstWork its first work, at an {@linkplain Stage#isEntry() entry stage}
   * @param nowNanos the engine's monotonic clock
   * @throws IllegalArgumentException if {@code firstWork} is not at an entry stage or exceeds the
   *     shape
   * @throws IllegalStateException if a live request already has this id
   */
  public Admission admit(long requestId, RequestShape shape, StageWork firstWork, long nowNanos) {
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(firstWork, "firstWork");
    checkClock(nowNanos, "admit");
    TrackedRequest live = requests.get(requestId);
    if (live != null) {
      throw new IllegalStateException(live + " is live; cannot admit another request with its id");
    }
    if (!firstWork.stage().isEntry()) {
      throw new IllegalArgumentException("request " + requestId + " must start at VISION or"
          + " PREFILL, got " + firstWork.stage());
    }
    Optional<String> refusal = admissionCheck.refusal(requestId, shape);
    if (refusal.isPresent()) {
      return new Admission.Rejected(requestId, refusal.get());
    }
    TrackedRequest request = new TrackedRequest(requestId, shape, geometry, firstWork);
    requests.put(requestId, request);
    admissionLine.add(request);
    return new Admission.Admitted(requestId, request.kvFootprintTokens());
  }

  /**
   * Applies pending cancellations, admits what fits, and decides the next step. Engine thread.
   *
   * @throws IllegalStateException if items of the previous {@link Decision.Run} were not reported
   * @throws IllegalArgumentException if {@code nowNanos} is earlier than a time passed before
   */
  public Decision schedule(long nowNanos) {
    if (!running.isEmpty()) {
      TrackedRequest first = requests.get(running.iterator().next());
      throw new IllegalStateException(first + " is still in the previous batch ("
          + running.size() + " item(s) unreported); report completed or finished for every item"
          + " of a Run before scheduling again");
    }
    checkClock(nowNanos, "schedule");
    List<Long> cancelled = applyCancellations();
    for (TrackedRequest r : admissionLine.admit(kvBudget)) {
      enqueue(r, Transition.ADMIT, nowNanos);
    }
    for (TrackedRequest r : diffusionLine.admit(diffusionRows)) {
      enqueue(r, Transition.ENTER_DIFFUSION, nowNanos);
    }

    List<Offer> offers = new ArrayList<>();
    for (StageQueue queue : queues.values()) {
      queue.offer(nowNanos).ifPresent(offers::add);
    }
    boolean admissionOpen = admissionLine.isEmpty() && kvBudget.hasRoom();
    List<Offer> ready = ReadinessRule.ready(offers, admissionOpen);
    Optional<Stage> chosen =
        fairShare.pick(ready.stream().map(Offer::stage).collect(Collectors.toSet()));
    if (chosen.isEmpty()) {
      if (offers.isEmpty()) {
        return new Decision.Empty(cancelled);
      }
      long wakeAt = offers.stream().mapToLong(Offer::dueAtNanos).min().orElseThrow();
      return new Decision.Idle(wakeAt, cancelled);
    }
    Offer offer = ready.stream().filter(o -> o.stage() == chosen.get()).findFirst().orElseThrow();
    List<WorkItem> batch = queues.get(offer.stage()).take(offer.groupKey());
    for (WorkItem item : batch) {
      requests.get(item.requestId()).apply(Transition.SCHEDULE);
      running.add(item.requestId());
    }
    return new Decision.Run(offer.stage(), offer.groupKey(), batch, nowNanos, cancelled);
  }

  /**
   * Reports that a running request's work was done and what it needs next. Engine thread.
   *
   * @throws IllegalStateException if the request is not live or not running
   * @throws IllegalArgumentException if {@code next} exceeds the request's declared shape, or a
   *     latent between denoising steps changes its rows
   */
  public void completed(long requestId, StageWork next, long nowNanos) {
    Objects.requireNonNull(next, "next");
    checkClock(nowNanos, "completed");
    TrackedRequest r = live(requestId, "completed");
    boolean entersDiffusion = next.stage() == Stage.DIFFUSION && r.diffusionRowsHeld() == 0;
    Transition move = entersDiffusion ? Transition.COMPLETE_INTO_DIFFUSION : Transition.COMPLETE;
    r.check(move);
    r.checkWork(next);
    boolean staysInDiffusion = next.stage() == Stage.DIFFUSION && !entersDiffusion;
    if (staysInDiffusion && next.rows() != r.diffusionRowsHeld()) {
      throw new IllegalArgumentException("request " + requestId + " holds "
          + r.diffusionRowsHeld() + " diffusion row(s) but its next step has " + next.rows()
          + "; a latent keeps its rows from its first denoising step to its last");
    }

    running.remove(requestId);
    if (!staysInDiffusion) {
      diffusionRows.release(r);
    }
    r.setWork(next);
    if (entersDiffusion) {
      r.apply(move);
      diffusionLine.add(r);
    } else {
      enqueue(r, move, nowNanos);
    }
  }

  /**
   * Reports that a running request has ended (done, or failed by the runner); its reservation
   * returns to the budget. Engine thread.
   *
   * @throws IllegalStateException if the request is not live or not running
   */
  public void finished(long requestId) {
    TrackedRequest r = live(requestId, "finished");
    r.apply(Transition.FINISH);
    running.remove(requestId);
    diffusionRows.release(r);
    kvBudget.release(r);
    requests.remove(requestId);
  }

  /**
   * Asks for a request to be removed from every queue and its reservation released at the next
   * {@link #schedule}, which lists it in {@link Decision#cancelled()}. Any thread. A request
   * that ends (or is not live) by then is left alone: cancellation races completion, and
   * completion wins.
   */
  public void cancel(long requestId) {
    cancellations.add(requestId);
  }

  /**
   * Reports how long a batched call at {@code stage} took, so that fairness shares device time
   * rather than turns. Engine thread.
   */
  public void recordExecution(Stage stage, long durationNanos) {
    fairShare.recordExecution(Objects.requireNonNull(stage, "stage"), durationNanos);
  }

  /** The state of queues and budgets now, for metrics. Engine thread. */
  public SchedulerSnapshot snapshot(long nowNanos) {
    Map<Stage, Integer> items = new EnumMap<>(Stage.class);
    Map<Stage, Integer> rows = new EnumMap<>(Stage.class);
    Map<Stage, Duration> oldestWait = new EnumMap<>(Stage.class);
    queues.forEach((stage, queue) -> {
      items.put(stage, queue.size());
      rows.put(stage, queue.rows());
      oldestWait.put(stage, Duration.ofNanos(
          Math.max(0, nowNanos - queue.oldestEnqueuedAtNanos().orElse(nowNanos))));
    });
    return new SchedulerSnapshot(items, rows, oldestWait, admissionLine.size(),
        diffusionLine.size(), kvBudget.sequences(), kvBudget.reservedTokens(),
        kvBudget.budgetTokens(), diffusionRows.rowsInFlight());
  }

  /** The items waiting at {@code stage}, oldest first. */
  List<WorkItem> queued(Stage stage) {
    return queues.get(stage).items();
  }

  /** Whether the scheduler still knows the request. */
  boolean tracks(long requestId) {
    return requests.containsKey(requestId);
  }

  int liveRequests() {
    return requests.size();
  }

  int admissionBypasses(long requestId) {
    return admissionLine.bypasses(requestId);
  }

  /** Moves the request to QUEUED and its work into its stage queue, stamped {@code nowNanos}. */
  private void enqueue(TrackedRequest r, Transition move, long nowNanos) {
    r.apply(move);
    queues.get(r.stage()).add(new WorkItem(r.id(), r.work(), nowNanos));
  }

  private void checkClock(long nowNanos, String call) {
    if (clockStarted && nowNanos - latestNanos < 0) {
      throw new IllegalArgumentException(call + " at " + nowNanos + " ns is before an earlier call"
          + " at " + latestNanos + " ns; pass System.nanoTime() (one monotonic clock, nanoseconds)");
    }
    clockStarted = true;
    latestNanos = nowNanos;
  }

  private TrackedRequest live(long requestId, String transition) {
    TrackedRequest r = requests.get(requestId);
    if (r == null) {
      throw new IllegalStateException("request " + requestId + " is not live (finished, cancelled"
          + " or never admitted); cannot take '" + transition + "'");
    }
    return r;
  }

  private List<Long> applyCancellations() {
    List<Long> cancelled = new ArrayList<>();
    for (Long id = cancellations.poll(); id != null; id = cancellations.poll()) {
      TrackedRequest r = requests.get(id);
      if (r == null) {
        continue;
      }
      r.check(Transition.CANCEL);
      switch (r.state()) {
        case WAITING_ADMISSION -> admissionLine.remove(id);
        case WAITING_DIFFUSION_ROWS -> diffusionLine.remove(id);
        case QUEUED -> queues.get(r.stage()).remove(id);
        default -> throw new IllegalStateException(r + " cannot be cancelled here");
      }
      diffusionRows.release(r);
      kvBudget.release(r);
      r.apply(Transition.CANCEL);
      requests.remove(id);
      cancelled.add(id);
    }
    return cancelled;
  }
}
