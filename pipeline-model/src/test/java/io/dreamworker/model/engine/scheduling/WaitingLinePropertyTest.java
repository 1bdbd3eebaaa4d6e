package io.dreamworker.model.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class WaitingLinePropertyTest {

  private static final int BUDGET = 100;

  /** Arrivals in id order with random demands; running requests end at random; returns admission order. */
  private static List<Long> admissionOrder(int maxBypasses, long seed) {
    Random random = new Random(seed);
    int count = 10 + random.nextInt(40);
    WaitingLine line = new WaitingLine(maxBypasses);
    KvBudget budget = new KvBudget(BUDGET, 1 + random.nextInt(6));
    List<TrackedRequest> running = new ArrayList<>();
    List<Long> order = new ArrayList<>();
    long next = 0;
    for (int step = 0; order.size() < count; step++) {
      assertThat(step).as("every request is admitted eventually").isLessThan(10_000);
      if (next < count && random.nextBoolean()) {
        int demand = 1 + random.nextInt(random.nextBoolean() ? BUDGET : 20);
        line.add(new TrackedRequest(next++, RequestShape.caption(demand, 0, 0),
            new SequenceGeometry(1, 1), StageWork.prefill(1)));
      }
      if (!running.isEmpty() && random.nextInt(3) == 0) {
        budget.release(running.remove(random.nextInt(running.size())));
      }
      List<TrackedRequest> admitted = line.admit(budget);
      admitted.forEach(r -> order.add(r.id()));
      running.addAll(admitted);
      if (admitted.isEmpty() && !line.isEmpty() && running.isEmpty()) {
        throw new AssertionError("the line is stuck with the whole budget free");
      }
    }
    return order;
  }

  @Property(tries = 200)
  void noRequest_isBypassedMoreThanTheBound(
      @ForAll @IntRange(min = 0, max = 4) int maxBypasses, @ForAll long seed) {
    List<Long> order = admissionOrder(maxBypasses, seed);

    for (int i = 0; i < order.size(); i++) {
      long id = order.get(i);
      long laterAdmittedFirst = order.subList(0, i).stream().filter(other -> other > id).count();
      assertThat(laterAdmittedFirst).as("request %d bypassed", id).isLessThanOrEqualTo(maxBypasses);
    }
  }

  @Property(tries = 100)
  void zeroBypasses_isStrictFifo(@ForAll long seed) {
    List<Long> order = admissionOrder(0, seed);

    assertThat(order).isSorted();
  }
}
