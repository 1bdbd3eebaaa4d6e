package io.dreamworker.model.engine.scheduling;

import io.dreamworker.model.engine.scheduling.SchedulerConfig.StageLimits;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A stand-in for the engine over a random workload: it submits caption, text-to-image and
 * interleaved requests at random times, applies every decision with a random duration, walks each
 * request through a random plan of stages, cancels some at random, and records every broken
 * invariant by category instead of stopping, so that each property can assert its own.
 */
final class SimulatedEngine {

  /** What a property checks; each collects its own violations. */
  enum Check { BATCH_LIMITS, FIFO, BUDGETS, LIVENESS, STARVATION, CANCELLATION, REJECTION }

  static final SequenceGeometry GEOMETRY = new SequenceGeometry(10, 6);
  private static final long MS = 1_000_000;
  private static final long MIN_EXECUTION_NANOS = 5 * MS;
  private static final long MAX_EXECUTION_NANOS = 20 * MS;
  private static final int MAX_DECISIONS = 200_000;
  private static final List<GroupKey> DIFFUSION_KEYS = List.of(
      GroupKey.diffusion(64, 64, "ddim"), GroupKey.diffusion(64, 64, "dpm++2m"),
      GroupKey.diffusion(96, 64, "ddim"));

  /** One request of the workload: when it comes, its shape, and the work it will do, in order. */
  record Planned(long id, long arrivalNanos, RequestShape shape, Deque<StageWork> plan,
      int cancelAfterDecisions) {}

  private final Random random;
  private final SchedulerConfig config;
  private final Scheduler scheduler;
  private final Deque<Planned> arrivals = new ArrayDeque<>();
  private final Map<Check, List<String>> violations = new EnumMap<>(Check.class);

  private final Map<Long, Planned> live = new HashMap<>();
  private final Map<Long, Integer> cancelAtDecision = new HashMap<>();
  private final Set<Long> cancelRequested = new HashSet<>();
  private final Set<Long> finished = new HashSet<>();
  private final Set<Long> cancelled = new HashSet<>();
  private final Map<WorkItem, long[]> waits = new LinkedHashMap<>(); // {items ahead, due decisions}
  private long now;
  private int decisions;
  private int runs;
  private int maxWaitingForAdmission;
  private int maxWaitingForDiffusionRows;
  private int rejected;

  SimulatedEngine(long seed) {
    this.random = new Random(seed);
    this.config = randomConfig(random);
    this.scheduler = new Scheduler(config, GEOMETRY);
    int count = 10 + random.nextInt(31);
    long at = 0;
    for (long id = 0; id < count; id++) {
      at += random.nextInt(random.nextBoolean() ? 2 : 30) * MS;
      arrivals.add(randomRequest(id, at));
    }
    for (Check c : Check.values()) {
      violations.put(c, new ArrayList<>());
    }
  }

  /** Runs the workload to its end; returns the violations of every check. */
  Map<Check, List<String>> run() {
    while (true) {
      submitArrivals();
      requestCancellations();
      Decision d = scheduler.schedule(now);
      decisions++;
      checkBudgets();
      applyCancelled(d.cancelled());
      if (d instanceof Decision.Run run) {
        runs++;
        checkBatch(run);
        checkStarvation();
        execute(run);
        checkBudgets();
      } else if (d instanceof Decision.Idle idle) {
        if (idle.wakeAtNanos() <= now) {
          violate(Check.LIVENESS, "idle until " + idle.wakeAtNanos() + " which is not after " + now);
          break;
        }
        now = arrivals.isEmpty() ? idle.wakeAtNanos()
            : Math.min(idle.wakeAtNanos(), Math.max(now, arrivals.peek().arrivalNanos()));
      } else {
        if (scheduler.liveRequests() > 0) {
          violate(Check.LIVENESS, "empty decision with " + scheduler.liveRequests() + " live");
          break;
        }
        if (arrivals.isEmpty()) {
          break;
        }
        now = Math.max(now, arrivals.peek().arrivalNanos());
      }
      if (decisions > MAX_DECISIONS) {
        violate(Check.LIVENESS, "no end after " + decisions + " decisions; live " + live.keySet());
        break;
      }
    }
    checkEnd();
    return violations;
  }

  SchedulerConfig config() {
    return config;
  }

  /** A line about how much the workload exercised, for tuning the generator. */
  String stats() {
    return "runs " + runs + ", decisions " + decisions + ", finished " + finished.size()
        + ", cancelled " + cancelled.size() + ", rejected " + rejected
        + ", most waiting for admission " + maxWaitingForAdmission
        + ", most waiting for diffusion rows " + maxWaitingForDiffusionRows;
  }

  private static SchedulerConfig randomConfig(Random random) {
    int maxSequences = 2 + random.nextInt(7);
    int rowsInFlight = random.nextInt(6) == 0 ? 1 : 2 + random.nextInt(7);
    Map<Stage, StageLimits> stages = new EnumMap<>(Stage.class);
    for (Stage stage : Stage.values()) {
      // Now and then a stage takes one row only, so guidance pairs or multi-image captions never fit.
      int max = random.nextInt(12) == 0 ? 1 : 2 + random.nextInt(5);
      int cap = switch (stage) {
        case PREFILL, DECODE -> maxSequences;
        case DIFFUSION -> rowsInFlight;
        default -> max;
      };
      int preferred = 1 + random.nextInt(Math.min(max, cap));
      Duration delay = Duration.ofMillis(List.of(0, 0, 1, 3, 10).get(random.nextInt(5)));
      stages.put(stage, new StageLimits(max, preferred, delay, 1 + random.nextInt(4)));
    }
    return new SchedulerConfig(stages, 150 + random.nextInt(900), maxSequences, rowsInFlight,
        random.nextInt(4));
  }

  private Planned randomRequest(long id, long arrivalNanos) {
    Deque<StageWork> plan = new ArrayDeque<>();
    // Now and then a prompt too long for any budget, to be refused at submit.
    int prompt = random.nextInt(15) == 0 ? 400 + random.nextInt(800) : 1 + random.nextInt(40);
    boolean guidance = random.nextBoolean();
    int negative = guidance && random.nextBoolean() ? 1 + random.nextInt(10) : 0;
    GroupKey key = DIFFUSION_KEYS.get(random.nextInt(DIFFUSION_KEYS.size()));
    GroupKey resolution = GroupKey.resolution(key.value().startsWith("96") ? 96 : 64, 64);
    RequestShape shape;
    switch (random.nextInt(3)) {
      case 0 -> { // caption
        int images = 1 + random.nextInt(2);
        int maxNew = 1 + random.nextInt(60);
        shape = RequestShape.caption(prompt, images, maxNew);
        plan.add(StageWork.vision(images));
        plan.add(StageWork.prefill(prompt + images * GEOMETRY.imagePositions()));
        decodes(plan, 1 + random.nextInt(maxNew));
      }
      case 1 -> { // text to image
        shape = RequestShape.textToImage(prompt, guidance, negative);
        plan.add(StageWork.prefill(prompt));
        decodes(plan, random.nextInt(2));
        dream(plan, key, resolution, negative > 0, guidance, false);
      }
      default -> { // interleaved
        int inputs = random.nextInt(2);
        int maxNew = 2 + random.nextInt(80);
        int maxImages = 1 + random.nextInt(3);
        shape = RequestShape.interleaved(prompt, inputs, maxNew, maxImages, guidance, negative);
        if (inputs > 0) {
          plan.add(StageWork.vision(inputs));
        }
        plan.add(StageWork.prefill(prompt + inputs * GEOMETRY.imagePositions()));
        int images = random.nextInt(maxImages + 1);
        int budget = random.nextInt(maxNew + 1);
        for (int i = 0; i < images; i++) {
          int chunk = random.nextInt(budget + 1);
          budget -= chunk;
          decodes(plan, chunk);
          dream(plan, key, resolution, negative > 0, guidance, true);
        }
        decodes(plan, budget);
      }
    }
    int cancelAfter = random.nextInt(5) == 0 ? random.nextInt(60) : -1;
    return new Planned(id, arrivalNanos, shape, plan, cancelAfter);
  }

  private static void decodes(Deque<StageWork> plan, int count) {
    for (int i = 0; i < count; i++) {
      plan.add(StageWork.decode());
    }
  }

  private void dream(Deque<StageWork> plan, GroupKey key, GroupKey resolution,
      boolean negativeRow, boolean guidance, boolean feedBack) {
    plan.add(StageWork.dream(GEOMETRY.dreamPositions(), negativeRow));
    int steps = 1 + random.nextInt(8);
    for (int i = 0; i < steps; i++) {
      plan.add(StageWork.diffusion(key, guidance));
    }
    plan.add(StageWork.vaeDecode(resolution));
    if (feedBack) {
      plan.add(StageWork.vision(1));
      plan.add(StageWork.prefill(GEOMETRY.imagePositions()));
    }
  }

  private void submitArrivals() {
    while (!arrivals.isEmpty() && arrivals.peek().arrivalNanos() <= now) {
      Planned p = arrivals.poll();
      StageWork first = p.plan().poll();
      Admission a = scheduler.admit(p.id(), p.shape(), first, now);
      boolean neverFits = neverFits(p.shape());
      if (a instanceof Admission.Rejected rejected) {
        this.rejected++;
        if (!neverFits || rejected.reason().isBlank()) {
          violate(Check.REJECTION, "rejected " + p.shape() + ": " + rejected.reason());
        }
        continue;
      }
      if (neverFits) {
        violate(Check.REJECTION, "admitted " + p.shape() + " which can never fit");
      }
      live.put(p.id(), p);
      if (p.cancelAfterDecisions() >= 0) {
        cancelAtDecision.put(p.id(), decisions + p.cancelAfterDecisions());
      }
    }
  }

  private boolean neverFits(RequestShape shape) {
    if (shape.kvFootprintTokens(GEOMETRY) > config.kvCacheBudgetTokens()) {
      return true;
    }
    for (Stage s : Stage.values()) {
      if (shape.maxRows(s) > config.limits(s).maxBatchRows()) {
        return true;
      }
    }
    return shape.maxRows(Stage.DIFFUSION) > config.maxDiffusionRowsInFlight();
  }

  private void requestCancellations() {
    cancelAtDecision.entrySet().removeIf(e -> {
      if (e.getValue() > decisions) {
        return false;
      }
      scheduler.cancel(e.getKey());
      cancelRequested.add(e.getKey());
      return true;
    });
  }

  private void applyCancelled(List<Long> ids) {
    for (long id : ids) {
      if (!cancelRequested.contains(id) || finished.contains(id) || !cancelled.add(id)) {
        violate(Check.CANCELLATION, "request " + id + " reported cancelled unexpectedly");
      }
      live.remove(id);
      if (scheduler.tracks(id)) {
        violate(Check.CANCELLATION, "cancelled request " + id + " still tracked");
      }
      for (Stage s : Stage.values()) {
        if (scheduler.queued(s).stream().anyMatch(item -> item.requestId() == id)) {
          violate(Check.CANCELLATION, "cancelled request " + id + " still queued at " + s);
        }
      }
    }
  }

  private void checkBatch(Decision.Run run) {
    StageLimits limits = config.limits(run.stage());
    if (run.batch().isEmpty()) {
      violate(Check.BATCH_LIMITS, "empty batch at " + run.stage());
      return;
    }
    if (run.rows() > limits.maxBatchRows()) {
      violate(Check.BATCH_LIMITS, run.rows() + " rows at " + run.stage() + " over max "
          + limits.maxBatchRows());
    }
    int latentRows = 0;
    for (WorkItem item : run.batch()) {
      if (item.stage() != run.stage() || !item.groupKey().equals(run.groupKey())) {
        violate(Check.BATCH_LIMITS, item + " does not belong in a " + run.stage() + " batch of "
            + run.groupKey());
      }
      latentRows += item.rows();
    }
    if (run.stage() == Stage.DIFFUSION && latentRows > config.maxDiffusionRowsInFlight()) {
      violate(Check.BATCH_LIMITS, latentRows + " latent rows over the rows in flight");
    }
    // FIFO within the group: what stays behind was queued no earlier, and the next one does not fit.
    long lastTaken = run.batch().stream().mapToLong(WorkItem::enqueuedAtNanos).max().orElseThrow();
    List<WorkItem> sameGroup = scheduler.queued(run.stage()).stream()
        .filter(item -> item.groupKey().equals(run.groupKey())).toList();
    for (WorkItem left : sameGroup) {
      if (left.enqueuedAtNanos() < lastTaken) {
        violate(Check.FIFO, left + " was passed over by a younger item at " + run.stage());
      }
    }
    if (!sameGroup.isEmpty() && run.rows() + sameGroup.get(0).rows() <= limits.maxBatchRows()) {
      violate(Check.FIFO, sameGroup.get(0) + " fit in the batch but was left behind");
    }
  }

  private void checkStarvation() {
    Set<WorkItem> waiting = new HashSet<>();
    for (Stage s : Stage.values()) {
      List<WorkItem> queued = scheduler.queued(s);
      long delay = config.limits(s).maxQueueDelayNanos();
      long bound = FairSharePropertyTest.starvationBound(s, weights(), MIN_EXECUTION_NANOS,
          MAX_EXECUTION_NANOS) + 1;
      for (int i = 0; i < queued.size(); i++) {
        WorkItem item = queued.get(i);
        waiting.add(item);
        long[] wait = waits.computeIfAbsent(item, k -> new long[2]);
        if (wait[1] == 0 && wait[0] == 0) {
          wait[0] = i; // items ahead when first seen; never grows
        }
        if (now - item.enqueuedAtNanos() >= delay) {
          wait[1]++;
          long allowed = (wait[0] + 1) * bound;
          if (wait[1] > allowed) {
            violate(Check.STARVATION, item + " passed over in " + wait[1] + " decisions while due,"
                + " more than (" + wait[0] + " ahead + 1) x " + bound);
          }
        }
      }
    }
    waits.keySet().retainAll(waiting);
  }

  private Map<Stage, Integer> weights() {
    Map<Stage, Integer> weights = new EnumMap<>(Stage.class);
    config.stages().forEach((s, l) -> weights.put(s, l.fairnessWeight()));
    return weights;
  }

  private void execute(Decision.Run run) {
    long took = MIN_EXECUTION_NANOS
        + (long) (random.nextDouble() * (MAX_EXECUTION_NANOS - MIN_EXECUTION_NANOS));
    now += took;
    scheduler.recordExecution(run.stage(), took);
    for (WorkItem item : run.batch()) {
      Planned p = live.get(item.requestId());
      StageWork next = p.plan().poll();
      if (next == null) {
        scheduler.finished(p.id());
        live.remove(p.id());
        finished.add(p.id());
      } else {
        scheduler.completed(p.id(), next, now);
      }
    }
  }

  private void checkBudgets() {
    SchedulerSnapshot s = scheduler.snapshot(now);
    maxWaitingForAdmission = Math.max(maxWaitingForAdmission, s.waitingForAdmission());
    maxWaitingForDiffusionRows = Math.max(maxWaitingForDiffusionRows, s.waitingForDiffusionRows());
    if (s.reservedKvTokens() > config.kvCacheBudgetTokens() || s.reservedKvTokens() < 0) {
      violate(Check.BUDGETS, "reserved " + s.reservedKvTokens() + " of "
          + config.kvCacheBudgetTokens());
    }
    if (s.runningSequences() > config.maxRunningSequences()) {
      violate(Check.BUDGETS, s.runningSequences() + " running sequences");
    }
    if (s.diffusionRowsInFlight() > config.maxDiffusionRowsInFlight()) {
      violate(Check.BUDGETS, s.diffusionRowsInFlight() + " diffusion rows in flight");
    }
  }

  private void checkEnd() {
    if (!live.isEmpty() || scheduler.liveRequests() != 0) {
      violate(Check.LIVENESS, "requests never ended: " + live.keySet());
    }
    SchedulerSnapshot s = scheduler.snapshot(now);
    if (s.reservedKvTokens() != 0 || s.runningSequences() != 0 || s.diffusionRowsInFlight() != 0
        || s.waitingForAdmission() != 0 || s.waitingForDiffusionRows() != 0) {
      violate(Check.BUDGETS, "budgets not returned at the end: " + s);
    }
    for (long id : cancelRequested) {
      if (!finished.contains(id) && !cancelled.contains(id)) {
        violate(Check.CANCELLATION, "request " + id + " was cancelled but never reported");
      }
    }
  }

  private void violate(Check check, String message) {
    List<String> list = violations.get(check);
    if (list.size() < 5) {
      list.add("[decision " + decisions + ", t=" + now / MS + " ms] " + message);
    }
  }
}
