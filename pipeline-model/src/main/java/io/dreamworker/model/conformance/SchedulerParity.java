package io.dreamworker.model.conformance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dreamworker.model.diffusion.scheduler.InferenceSchedule;
import io.dreamworker.model.diffusion.scheduler.NoiseSource;
import io.dreamworker.model.diffusion.scheduler.RecordedNoise;
import io.dreamworker.model.diffusion.scheduler.Scheduler;
import io.dreamworker.model.diffusion.scheduler.SchedulerBatch;
import io.dreamworker.model.diffusion.scheduler.SchedulerState;
import io.dreamworker.model.diffusion.scheduler.Schedulers;
import io.dreamworker.model.weights.SafetensorsSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The scheduler fixtures ({@code scheduler_ddpm}, {@code scheduler_ddim}, {@code
 * scheduler_dpmsolver_multistep}): builds the scheduler config.json's {@code _class_name} names,
 * checks {@code set_timesteps(N)} exactly, then replays the N-step trajectory under the fixtures'
 * stand-in model {@code eps(x, t) = 0.3 x + 0.1 sin(t / 100)}, once as one request and once with
 * each image of the fixture's batch as its own row of a {@link SchedulerBatch}. DDPM's variance
 * noise is replayed from {@code ddpm_noise}.
 */
final class SchedulerParity implements ParityCheck {
  private static final double TOLERANCE = 1e-4;
  private static final Set<String> INPUTS = Set.of("x_init", "ddpm_noise");

  @Override
  public void check(FixtureCase fixture, NDManager manager, ParityReport report) throws Exception {
    Scheduler scheduler = Schedulers.fromConfig(fixture.configPath());
    Set<String> stored;
    try (SafetensorsSource io = fixture.io()) {
      stored = io.names();
    }
    for (Iterator<String> it = fixture.caseJson().path("tensors").fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!INPUTS.contains(name) && !name.equals("timesteps") && !name.equals("trajectory")) {
        throw new ParityFailure(fixture.name() + ": case.json lists tensor '" + name + "', which this check does not know");
      }
    }

    long[] expectedTimesteps = fixture.io("timesteps", manager).toLongArray();
    InferenceSchedule schedule = scheduler.schedule(expectedTimesteps.length);
    long[] timesteps = Arrays.stream(schedule.timesteps()).asLongStream().toArray();
    report.exact("timesteps", Arrays.equals(timesteps, expectedTimesteps));

    NDArray init = fixture.io("x_init", manager);
    NDArray trajectory = fixture.io("trajectory", manager);
    NDArray recorded = stored.contains("ddpm_noise") ? fixture.io("ddpm_noise", manager) : null;

    NoiseSource noise = recorded == null ? NoiseSource.none() : new RecordedNoise(recorded);
    try (SchedulerState state = SchedulerState.start(schedule, noise, manager)) {
      NDArray x = init;
      for (int i = 0; i < schedule.size(); i++) {
        x = state.step(standIn(x, state.timestep()), x);
        report.compare("trajectory[" + i + "]", x, trajectory.get(i), TOLERANCE);
      }
    }
    if (recorded != null) {
      report.exact("ddpm_noise draws used", ((RecordedNoise) noise).used() == recorded.getShape().get(0));
    }

    // The same requests as rows of a batch: image r is its own request with its own noise.
    long images = init.getShape().get(0);
    List<SchedulerState> rows = new ArrayList<>();
    try {
      for (int r = 0; r < images; r++) {
        NoiseSource rowNoise = recorded == null ? NoiseSource.none() : new RecordedNoise(recorded.get(":, " + r));
        rows.add(SchedulerState.start(schedule, rowNoise, manager));
      }
      NDArray x = init;
      for (int i = 0; i < schedule.size(); i++) {
        x = SchedulerBatch.step(rows, standIn(x, rows.get(0).timestep()), x);
        report.compare("batched trajectory[" + i + "]", x, trajectory.get(i), TOLERANCE);
      }
    } finally {
      rows.forEach(SchedulerState::close);
    }
  }

  /** The fixtures' stand-in model, elementwise: {@code 0.3 x + 0.1 sin(t / 100)}. */
  private static NDArray standIn(NDArray x, int t) {
    return x.mul(0.3f).add((float) (0.1 * Math.sin(t / 100.0)));
  }
}
