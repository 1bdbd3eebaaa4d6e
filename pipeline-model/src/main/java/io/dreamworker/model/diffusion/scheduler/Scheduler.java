package io.dreamworker.model.diffusion.scheduler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * A diffusers noise scheduler, split the way a batching engine needs it: this object is the
 * immutable, shareable configuration (the noise schedule, precomputed once); {@link #schedule(int)}
 * is {@code set_timesteps(n)}, whose result is shareable too; and a {@link SchedulerState} is one
 * request's progress through it. The schedule and coefficient math is plain Java; only the tensor
 * update ({@link SchedulerState#step}, {@link SchedulerBatch#step}) and the helpers below use DJL.
 *
 * <p>Thread-safe.
 */
public sealed interface Scheduler permits DdpmScheduler, DdimScheduler, DpmSolverMultistepScheduler {

  /** The diffusers class this mirrors, as config.json's {@code _class_name} names it. */
  String className();

  NoiseSchedule noiseSchedule();

  /**
   * {@code set_timesteps(numInferenceSteps)}: the timesteps and each step's update.
   *
   * @throws IllegalArgumentException if the step count does not fit the training schedule and spacing
   */
  InferenceSchedule schedule(int numInferenceSteps);

  default int numTrainTimesteps() {
    return noiseSchedule().numTrainTimesteps();
  }

  /** {@code init_noise_sigma}: the initial latents are unit Gaussian noise times this (1 for all three). */
  default float initNoiseSigma() {
    return 1f;
  }

  /** {@code scale_model_input}: the identity for DDPM, DDIM and DPM-Solver (returns {@code sample}). */
  default NDArray scaleModelInput(NDArray sample, int timestep) {
    return sample;
  }

  /**
   * {@code add_noise}: {@code sqrt(a_t) * original + sqrt(1 - a_t) * noise}, the forward process used
   * in training. (DPMSolverMultistepScheduler derives the same two factors from its inference
   * sigmas; they agree to float32 rounding.)
   *
   * @param original [B, ...]
   * @param noise [B, ...]
   * @param timesteps one per row of {@code original}, or a single one for all rows
   * @return [B, ...] in {@code original}'s manager
   */
  default NDArray addNoise(NDArray original, NDArray noise, int... timesteps) {
    return ForwardDiffusion.addNoise(noiseSchedule(), original, noise, timesteps);
  }

  /**
   * {@code get_velocity}: the v-prediction target {@code sqrt(a_t) * noise - sqrt(1 - a_t) * sample}.
   *
   * @param timesteps one per row of {@code sample}, or a single one for all rows
   */
  default NDArray velocity(NDArray sample, NDArray noise, int... timesteps) {
    return ForwardDiffusion.velocity(noiseSchedule(), sample, noise, timesteps);
  }

  /**
   * Starts a request: a fresh state at the first step of {@code schedule(numInferenceSteps)}.
   *
   * @param manager the parent of the state's own manager (which holds DPM-Solver's remembered x0)
   * @param noise where the request's variance noise comes from (used by DDPM, and DDIM with eta > 0)
   */
  default SchedulerState start(NDManager manager, int numInferenceSteps, NoiseSource noise) {
    return SchedulerState.start(schedule(numInferenceSteps), noise, manager);
  }
}
