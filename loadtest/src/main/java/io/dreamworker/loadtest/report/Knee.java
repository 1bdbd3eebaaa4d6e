package io.dreamworker.loadtest.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The knee of one series' latency–throughput curve: the step past which more offered load buys
 * little throughput for much more latency, and so the load a fleet should be sized to carry.
 *
 * <p>The rule is Kleinrock's <em>power</em>: of the steps that qualify (below), the knee is the one
 * with the highest throughput divided by p95 latency. Power rises while latency stays flat
 * (throughput grows for free) and falls as soon as latency grows proportionally faster than
 * throughput, so its maximum is the last step before p95 latency grows faster than throughput.
 * Kleinrock (1979, "Power and deterministic rules of thumb for probabilistic problems in computer
 * communications") showed that this maximum is the optimal operating point of a queue; Jain (The
 * Art of Computer Systems Performance Analysis, 1991, section 3.3) calls the throughput there the
 * knee capacity. The p95 stands in for the mean because fleets are sized on the tail. The rule has
 * no threshold to tune, does not depend on the order of the steps, and reads the same for open and
 * closed loop.
 *
 * <p>A step qualifies when
 * <ul>
 *   <li>it completed at least one job, so that it has a p95;
 *   <li>at most {@link #MAX_UNSERVED_FRACTION} of its submitted jobs failed, timed out or were
 *       lost, since failing jobs fast would otherwise pass for capacity (rejected records do not
 *       count: they are the worker's verdict on invalid input, which a workload may send on
 *       purpose);
 *   <li>in open loop, its throughput fell short of the offered rate by at most
 *       {@link #MAX_THROUGHPUT_SHORTFALL}: a fleet that does not keep up builds a queue that grows
 *       for as long as the load lasts, and the latency of a finite window understates it.
 * </ul>
 * Of two steps with equal power, the one with the higher throughput is the knee.
 */
public final class Knee {
  /** Open loop: how far below the offered rate a step's throughput may fall and still keep up. */
  public static final double MAX_THROUGHPUT_SHORTFALL = 0.05;
  /** The largest fraction of submitted jobs that may fail, time out or be lost at an operating point. */
  public static final double MAX_UNSERVED_FRACTION = 0.01;
  /** The latency percentile the power is taken over. */
  public static final double LATENCY_PERCENTILE = 95.0;
  private static final double MS_PER_SECOND = 1_000.0;

  private Knee() {}

  /**
   * How one step fared under the rule.
   *
   * @param step the step
   * @param power throughput (jobs/s) per second of p95 latency; {@code NaN} when no job completed
   * @param exclusion why the step does not qualify, if it does not
   */
  public record Candidate(StepResult step, double power, Optional<String> exclusion) {
    public Candidate {
      Objects.requireNonNull(step, "candidate step");
      Objects.requireNonNull(exclusion, "candidate exclusion");
    }

    public boolean qualifies() {
      return exclusion.isEmpty();
    }
  }

  /**
   * The rule applied to every step of a series.
   *
   * @param candidates one per step, in the order given
   * @param knee the qualifying step of highest power; empty when no step qualifies
   */
  public record Analysis(List<Candidate> candidates, Optional<StepResult> knee) {
    public Analysis {
      candidates = List.copyOf(candidates);
      Objects.requireNonNull(knee, "analysis knee");
    }

    /** Whether {@code step} (the same instance as one analysed) is the knee. */
    public boolean isKnee(StepResult step) {
      return knee.isPresent() && knee.get() == step;
    }

    /** The candidate of {@code step}, which must be one of the analysed steps (the same instance). */
    public Candidate candidate(StepResult step) {
      return candidates.stream().filter(c -> c.step() == step).findFirst().orElseThrow(
          () -> new IllegalArgumentException("step " + step.describe() + " was not analysed here"));
    }
  }

  /** The knee of one series' steps, in any order; empty when there are none or none qualifies. */
  public static Optional<StepResult> of(List<StepResult> steps) {
    return analyze(steps).knee();
  }

  /**
   * The rule applied to each of {@code steps}, which must all belong to one series.
   *
   * @throws IllegalArgumentException when the steps belong to more than one series
   */
  public static Analysis analyze(List<StepResult> steps) {
    Objects.requireNonNull(steps, "steps");
    List<Candidate> candidates = new ArrayList<>(steps.size());
    Candidate best = null;
    for (StepResult step : steps) {
      Objects.requireNonNull(step, "steps holds a null step");
      if (!step.series().equals(steps.get(0).series())) {
        throw new IllegalArgumentException("the knee is of one series, but the steps mix \"" + steps.get(0).series()
            + "\" and \"" + step.series() + "\"; pass one Series' steps");
      }
      Candidate c = assess(step);
      candidates.add(c);
      if (c.qualifies() && (best == null || c.power() > best.power()
          || (c.power() == best.power() && step.throughput() > best.step().throughput()))) {
        best = c;
      }
    }
    return new Analysis(Collections.unmodifiableList(candidates),
        best == null ? Optional.empty() : Optional.of(best.step()));
  }

  private static Candidate assess(StepResult step) {
    double p95Ms = step.all().latency().percentileMs(LATENCY_PERCENTILE);
    if (step.all().count() == 0 || !(p95Ms > 0)) {
      return new Candidate(step, Double.NaN, Optional.of("no job completed"));
    }
    double power = step.throughput() / (p95Ms / MS_PER_SECOND);
    Counts n = step.counts();
    long unserved = n.failed() + n.timedOut() + n.lost();
    if (n.submitted() > 0 && unserved > MAX_UNSERVED_FRACTION * n.submitted()) {
      return new Candidate(step, power, Optional.of(Units.percent((double) unserved / n.submitted())
          + " of submitted jobs failed, timed out or were lost (over " + Units.percent(MAX_UNSERVED_FRACTION) + ")"));
    }
    if (step.loadMode() == LoadMode.OPEN_LOOP
        && step.throughput() < (1 - MAX_THROUGHPUT_SHORTFALL) * step.offered()) {
      return new Candidate(step, power, Optional.of("kept up with " + Units.percent(step.throughput() / step.offered())
          + " of the offered rate (under " + Units.percent(1 - MAX_THROUGHPUT_SHORTFALL) + ")"));
    }
    return new Candidate(step, power, Optional.empty());
  }
}
