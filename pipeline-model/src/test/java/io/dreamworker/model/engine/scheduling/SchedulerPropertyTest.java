package io.dreamworker.model.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.model.engine.scheduling.SimulatedEngine.Check;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random workloads of caption, text-to-image and interleaved requests, with random limits,
 * arrivals, step counts, execution times and cancellations, run through {@link SimulatedEngine}.
 */
class SchedulerPropertyTest {

  private static final int TRIES = 40;

  private static void assertHolds(long seed, Check check) {
    SimulatedEngine engine = new SimulatedEngine(seed);
    assertThat(engine.run().get(check)).as("%s under %s", check, engine.config()).isEmpty();
  }

  @Property(tries = TRIES)
  void batches_neverExceedMaxBatch_andShareOneGroupKey(@ForAll long seed) {
    assertHolds(seed, Check.BATCH_LIMITS);
  }

  @Property(tries = TRIES)
  void batches_areTheOldestItemsOfTheirGroup(@ForAll long seed) {
    assertHolds(seed, Check.FIFO);
  }

  @Property(tries = TRIES)
  void reservations_stayWithinTheBudgets_andReturnToZero(@ForAll long seed) {
    assertHolds(seed, Check.BUDGETS);
  }

  @Property(tries = TRIES)
  void everyAdmittedRequest_ends(@ForAll long seed) {
    assertHolds(seed, Check.LIVENESS);
  }

  @Property(tries = TRIES)
  void dueItems_runWithinTheFairnessBound(@ForAll long seed) {
    assertHolds(seed, Check.STARVATION);
  }

  @Property(tries = TRIES)
  void cancellation_removesEveryTrace(@ForAll long seed) {
    assertHolds(seed, Check.CANCELLATION);
  }

  @Property(tries = TRIES)
  void rejection_happensExactlyWhenARequestCouldNeverFit(@ForAll long seed) {
    assertHolds(seed, Check.REJECTION);
  }
}
