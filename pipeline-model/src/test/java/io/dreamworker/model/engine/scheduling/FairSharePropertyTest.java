package io.dreamworker.model.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class FairSharePropertyTest {

  /**
   * The documented bound on how many decisions a continuously ready stage can be passed over:
   * sum over other stages T of floor(costMax * w(T) / (costMin * w(S))) + 1, plus one for
   * floating-point ties.
   */
  static long starvationBound(Stage s, Map<Stage, Integer> weights, double costMin, double costMax) {
    long bound = 1;
    for (Stage t : Stage.values()) {
      if (t != s) {
        bound += (long) Math.floor(costMax * weights.get(t) / (costMin * weights.get(s))) + 1;
      }
    }
    return bound;
  }

  @Property(tries = 300)
  void continuouslyReadyStage_isPickedWithinTheBound(@ForAll long seed) {
    Random random = new Random(seed);
    Map<Stage, Integer> weights = new EnumMap<>(Stage.class);
    for (Stage s : Stage.values()) {
      weights.put(s, 1 + random.nextInt(random.nextBoolean() ? 3 : 8));
    }
    long minNanos = 1_000_000 + random.nextInt(5_000_000);
    long maxNanos = FairShare.INITIAL_COST_ESTIMATE_NANOS + random.nextInt(50_000_000);
    double costMin = Math.min(minNanos, FairShare.INITIAL_COST_ESTIMATE_NANOS);
    double costMax = Math.max(maxNanos, FairShare.INITIAL_COST_ESTIMATE_NANOS);
    FairShare fair = new FairShare(weights);
    int[] passedOver = new int[Stage.values().length];
    for (int decision = 0; decision < 3_000; decision++) {
      Set<Stage> ready = EnumSet.noneOf(Stage.class);
      for (Stage s : Stage.values()) {
        // Sticky readiness: a stage that waits stays ready most of the time, as with due work.
        boolean wasWaiting = passedOver[s.ordinal()] > 0;
        if (random.nextInt(10) < (wasWaiting ? 9 : 5)) {
          ready.add(s);
        }
      }
      Stage picked = fair.pick(ready).orElse(null);
      if (picked != null) {
        fair.recordExecution(picked, minNanos + (long) (random.nextDouble() * (maxNanos - minNanos)));
      }
      for (Stage s : Stage.values()) {
        int i = s.ordinal();
        passedOver[i] = ready.contains(s) && s != picked ? passedOver[i] + 1 : 0;
        assertThat((long) passedOver[i]).as("%s passed over in a row (weights %s)", s, weights)
            .isLessThanOrEqualTo(starvationBound(s, weights, costMin, costMax));
      }
    }
  }

  @Property(tries = 50)
  void backloggedStages_shareDeviceTimeByWeight(@ForAll long seed) {
    Random random = new Random(seed);
    Map<Stage, Integer> weights = new EnumMap<>(Stage.class);
    for (Stage s : Stage.values()) {
      weights.put(s, 1 + random.nextInt(4));
    }
    long[] costNanos = new long[Stage.values().length];
    for (Stage s : Stage.values()) {
      costNanos[s.ordinal()] = 1_000_000 + random.nextInt(40_000_000);
    }
    FairShare fair = new FairShare(weights);
    double[] time = new double[Stage.values().length];
    Set<Stage> all = EnumSet.allOf(Stage.class);
    for (int decision = 0; decision < 20_000; decision++) {
      Stage s = fair.pick(all).orElseThrow();
      fair.recordExecution(s, costNanos[s.ordinal()]);
      time[s.ordinal()] += costNanos[s.ordinal()];
    }

    double totalTime = 0;
    double totalWeight = 0;
    for (Stage s : Stage.values()) {
      totalTime += time[s.ordinal()];
      totalWeight += weights.get(s);
    }
    for (Stage s : Stage.values()) {
      assertThat(time[s.ordinal()] / totalTime).as("share of %s", s)
          .isCloseTo(weights.get(s) / totalWeight, org.assertj.core.data.Offset.offset(0.01));
    }
  }
}
