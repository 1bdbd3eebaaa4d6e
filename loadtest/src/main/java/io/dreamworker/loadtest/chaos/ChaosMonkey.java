package io.dreamworker.loadtest.chaos;

import io.dreamworker.loadtest.fleet.WorkerFleet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Disrupts a {@link WorkerFleet} as spot instances and an autoscaling group would: kills workers
 * (SIGKILL) at random moments and restarts them, stops them (SIGTERM), adds and removes workers,
 * and replaces workers that exit on their own (a poison job crashed them). Each disruption comes
 * after an exponentially distributed pause, so it lands at whatever the workers are doing: in the
 * middle of a batch, of an upload, of a commit.
 *
 * <p>Runs on the caller's thread ({@link #run}); terminations drain on threads of their own, so a
 * draining worker does not hold the next disruption up.
 */
final class ChaosMonkey {
  /** Chance that a restarted worker keeps its id (its transactional id fences its old self at once). */
  private static final double SAME_ID_RESTART = 0.5;
  /** How often the monkey looks at the fleet between disruptions. */
  private static final Duration TICK = Duration.ofMillis(100);

  /** What happened, counted. */
  record Counts(int kills, int terminations, int scaleOuts, int scaleIns, int replacedAfterExit) {}

  private enum Action { KILL, TERMINATE, SCALE_OUT, SCALE_IN }

  private final WorkerFleet fleet;
  private final ChaosPlan plan;
  private final Random random;
  private final Consumer<String> journal;
  /** Workers the fleet should have running: exited ones among them are replaced. */
  private final Set<String> wanted = new HashSet<>();
  private final ConcurrentLinkedQueue<String> restarts = new ConcurrentLinkedQueue<>();
  private final List<Thread> stopping = new ArrayList<>();
  private final AtomicInteger nextId = new AtomicInteger();
  private int kills;
  private int terminations;
  private int scaleOuts;
  private int scaleIns;
  private int replaced;

  /**
   * @param journal told of each disruption as it happens, one line each
   */
  ChaosMonkey(WorkerFleet fleet, ChaosPlan plan, Random random, Consumer<String> journal) {
    this.fleet = fleet;
    this.plan = plan;
    this.random = random;
    this.journal = journal;
  }

  /** Starts the plan's first workers. */
  void startFleet() {
    for (int i = 0; i < plan.workers(); i++) {
      startNew();
    }
  }

  /**
   * Makes every disruption of the plan, then waits until the fleet is back to its size. Between
   * disruptions, replaces workers that exited on their own.
   */
  Counts run() throws InterruptedException {
    List<Action> actions = new ArrayList<>();
    add(actions, Action.KILL, plan.kills());
    add(actions, Action.TERMINATE, plan.terminations());
    add(actions, Action.SCALE_OUT, plan.scaleOuts());
    add(actions, Action.SCALE_IN, plan.scaleIns());
    java.util.Collections.shuffle(actions, random);
    while (!actions.isEmpty()) {
      pause(exponential(plan.meanInterval()));
      Action action = pick(actions);
      if (action != null) {
        actions.remove(action);
        act(action);
      }
    }
    awaitRestarts();
    return counts();
  }

  /** Keeps replacing workers that exit on their own, for {@code duration} or until {@code done}. */
  void tend(Duration duration, java.util.function.BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    while (!done.getAsBoolean() && System.nanoTime() - deadline < 0) {
      pause(TICK);
    }
  }

  Counts counts() {
    return new Counts(kills, terminations, scaleOuts, scaleIns, replaced);
  }

  /** The first action that the fleet's size allows now, or null to wait for a restart. */
  private Action pick(List<Action> actions) {
    int alive = fleet.alive().size();
    for (Action action : actions) {
      boolean allowed = switch (action) {
        case KILL, TERMINATE -> alive >= 1;
        case SCALE_OUT -> alive <= plan.workers();
        case SCALE_IN -> alive > 1;
      };
      if (allowed) {
        return action;
      }
    }
    return null;
  }

  private void act(Action action) {
    List<String> alive = fleet.alive();
    switch (action) {
      case KILL -> {
        String victim = alive.get(random.nextInt(alive.size()));
        wanted.remove(victim);
        fleet.kill(victim);
        kills++;
        journal.accept("kill " + victim);
        scheduleRestart(victim);
      }
      case TERMINATE -> {
        String victim = alive.get(random.nextInt(alive.size()));
        wanted.remove(victim);
        terminations++;
        journal.accept("terminate " + victim);
        stopping.add(Thread.ofPlatform().name("terminate-" + victim).start(() -> {
          fleet.terminate(victim);
          scheduleRestart(victim);
        }));
      }
      case SCALE_OUT -> {
        scaleOuts++;
        journal.accept("scale out: " + startNew());
      }
      case SCALE_IN -> {
        String victim = alive.get(random.nextInt(alive.size()));
        wanted.remove(victim);
        scaleIns++;
        journal.accept("scale in: " + victim);
        stopping.add(Thread.ofPlatform().name("scale-in-" + victim).start(() -> fleet.terminate(victim)));
      }
    }
  }

  /** A restart after up to the plan's delay: under the same id or, as a new instance would, a new one. */
  private void scheduleRestart(String workerId) {
    long delayMillis = (long) (random.nextDouble() * plan.restartDelay().toMillis());
    boolean sameId = random.nextDouble() < SAME_ID_RESTART;
    Thread.ofPlatform().daemon().name("restart-" + workerId).start(() -> {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        return;
      }
      restarts.add(sameId ? workerId : "");
    });
  }

  private String startNew() {
    String id = String.format(Locale.ROOT, "chaos-worker-%02d", nextId.incrementAndGet());
    fleet.start(id);
    wanted.add(id);
    return id;
  }

  /** Sleeps in ticks, doing restarts that came due and replacing workers that exited on their own. */
  private void pause(Duration duration) throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    do {
      String restart;
      while ((restart = restarts.poll()) != null) {
        String id = restart.isEmpty() ? startNew() : restart;
        if (!restart.isEmpty()) {
          fleet.start(id);
          wanted.add(id);
        }
        journal.accept("restart " + id);
      }
      int count = fleet.replaceExited(wanted);
      if (count > 0) {
        replaced += count;
        journal.accept("replaced " + count + " worker(s) that exited on their own");
      }
      Thread.sleep(Math.max(1, Math.min(TICK.toMillis(), (deadline - System.nanoTime()) / 1_000_000)));
    } while (System.nanoTime() - deadline < 0);
  }

  /** Waits for the terminations and the restarts still due. */
  private void awaitRestarts() throws InterruptedException {
    for (Thread t : stopping) {
      t.join();
    }
    pause(plan.restartDelay().plus(TICK.multipliedBy(2)));
  }

  private Duration exponential(Duration mean) {
    return Duration.ofMillis((long) (-Math.log(1 - random.nextDouble()) * mean.toMillis()));
  }

  private static void add(List<Action> actions, Action action, int times) {
    for (int i = 0; i < times; i++) {
      actions.add(action);
    }
  }
}
