package io.dreamworker.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class InFlightBudgetTest {

  @Test
  void fillsAtTheJobBound_andHasRoomAgainOnlyBelowTheResumeFraction() {
    InFlightBudget budget = new InFlightBudget(4, 1_000, 0.5);
    for (int i = 0; i < 4; i++) {
      assertThat(budget.hasRoom()).isTrue();
      budget.add(10);
    }
    assertThat(budget.hasRoom()).isFalse();
    budget.remove(10);
    assertThat(budget.hasRoom()).as("3 of 4: above half").isFalse();
    budget.remove(10);
    assertThat(budget.hasRoom()).as("2 of 4: at half").isTrue();
  }

  @Test
  void fillsAtTheCostBound_aJobOverItStillRunsAlone() {
    InFlightBudget budget = new InFlightBudget(10, 100, 0.75);
    budget.add(0);
    budget.reweigh(0, 500);
    assertThat(budget.hasRoom()).isFalse();
    budget.remove(500);
    assertThat(budget.hasRoom()).isTrue();
  }

  @Test
  void oneJobBound_resumesWhenItsJobEnds() {
    InFlightBudget budget = new InFlightBudget(1, 1, 0.75);
    budget.add(0);
    assertThat(budget.hasRoom()).isFalse();
    budget.remove(0);
    assertThat(budget.hasRoom()).isTrue();
  }

  @Test
  void misuse_isRefusedWithTheValues() {
    assertThatThrownBy(() -> new InFlightBudget(0, 1, 0.5)).hasMessageContaining("got 0 and 1");
    assertThatThrownBy(() -> new InFlightBudget(1, 1, 0)).hasMessageContaining("(0, 1], got 0.0");
    InFlightBudget budget = new InFlightBudget(2, 10, 0.5);
    assertThatThrownBy(() -> budget.remove(1)).hasMessageContaining("from 0 jobs");
    assertThatThrownBy(() -> budget.add(-1)).hasMessageContaining("got -1");
  }

  /**
   * Whatever the jobs and their costs: a job is only added while there is room, so the count never
   * passes the bound and the cost never passes it by more than the last job; once full, there is no
   * room until both are at or below the resume thresholds; and with no jobs there is always room.
   */
  @Property
  void anySequence_respectsTheBoundsAndTheHysteresis(@ForAll @IntRange(min = 1, max = 20) int maxJobs,
      @ForAll @LongRange(min = 1, max = 500) long maxCost, @ForAll @IntRange(min = 1, max = 100) int resumePercent,
      @ForAll long seed) {
    double fraction = resumePercent / 100.0;
    InFlightBudget budget = new InFlightBudget(maxJobs, maxCost, fraction);
    Random random = new Random(seed);
    List<Long> costs = new ArrayList<>();
    boolean wasFull = false;
    for (int step = 0; step < 300; step++) {
      boolean add = random.nextBoolean() || costs.isEmpty();
      if (add && budget.hasRoom()) {
        long cost = random.nextInt(100);
        long before = budget.cost();
        budget.add(cost);
        costs.add(cost);
        assertThat(budget.jobs()).isLessThanOrEqualTo(maxJobs);
        assertThat(before).isLessThan(maxCost);
      } else if (!costs.isEmpty()) {
        budget.remove(costs.remove(random.nextInt(costs.size())));
      }
      long jobs = budget.jobs();
      long cost = budget.cost();
      if (jobs >= maxJobs || cost >= maxCost) {
        assertThat(budget.hasRoom()).isFalse();
      }
      if (wasFull && budget.hasRoom()) {
        assertThat(jobs).isLessThanOrEqualTo(Math.min(maxJobs - 1, (long) Math.floor(maxJobs * fraction)));
        assertThat(cost).isLessThanOrEqualTo(Math.min(maxCost - 1, (long) Math.floor(maxCost * fraction)));
      }
      if (jobs == 0) {
        assertThat(budget.hasRoom()).isTrue();
      }
      wasFull = !budget.hasRoom();
    }
  }
}
