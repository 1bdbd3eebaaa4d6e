package io.dreamworker.model.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.dreamworker.model.diffusion.unet.UNet2DConditionModel;
import io.dreamworker.model.dream.DreamParts;
import io.dreamworker.model.llm.LlamaForCausalLM;
import io.dreamworker.model.shapes.Captions;
import io.dreamworker.model.shapes.Scene;
import io.dreamworker.model.shapes.SceneSampler;
import io.dreamworker.model.text.DreamTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Stage I's creation half at the shapes scale: the denoising loss through the dream queries. The
 * condition is made as {@link io.dreamworker.model.pipeline.DreamPipeline#textToImage} makes it
 * (BOS, the raw caption, {@code <dream_start>}, the learned queries, {@code <dream_end>}; the
 * final-norm hidden states at the queries through the condition projector); the UNet predicts what
 * the bundle's {@code prediction_type} asks of the scene's noised VAE latents ({@link
 * DiffusionTargets}), with mean squared error. A fraction of the prompts
 * is replaced by the empty prompt, so the model also learns the unconditional prediction that
 * classifier-free guidance subtracts (the pipeline's negative prompt is empty by default).
 *
 * <p>DreamLLM keeps the LLM frozen here and the UNet pretrained, and trains the queries and the condition
 * projector. The UNet has no pretrained weights in this domain, so stage I turns this around: the queries
 * already give bound tokens ({@link ConditionDistillation}) and the UNet learns to read them, with the queries
 * and the projector frozen ({@link Config#trainQueries()}); the closing realignment trains all three. The
 * LLM's weights are frozen for every pass (no gradients computed for them), which keeps the captioning it
 * learned.
 */
public final class DenoisingTraining {

  /** Stage I's name in the loss log. */
  public static final String STAGE = "denoise";
  /** The closing pass's name in the loss log (see {@link Config#realign()}). */
  public static final String REALIGN_STAGE = "realign";

  /**
   * @param stage the name in the loss log
   * @param steps optimizer steps
   * @param batchSize pictures per step
   * @param learningRate Adam's peak rate (warm-up 5% of the steps, cosine decay to 10%)
   * @param promptDropout the fraction of prompts replaced by the empty prompt
   * @param snrGamma Min-SNR-gamma loss weighting ({@link DiffusionTargets#minSnrWeights}); 0 for the plain
   *     mean squared error
   * @param dataSeed the scene sampler's, timesteps' and noise's seed
   * @param emaDecay the largest decay of an exponential moving average of the trained weights ({@link
   *     ExponentialMovingAverage}), which they take at the end of the pass; 0 keeps the last step's weights
   * @param trainQueries whether the dream queries and the condition projector train with the UNet; stage I keeps
   *     them as {@link ConditionDistillation} left them, so that a UNet trained from scratch, whose first
   *     gradients are noise, learns to read the bound tokens they give instead of scrambling them
   */
  public record Config(String stage, int steps, int batchSize, float learningRate, float promptDropout,
      float snrGamma, long dataSeed, float emaDecay, boolean trainQueries) {
    public Config {
      if (stage == null || stage.isBlank() || steps < 0 || batchSize < 1 || !(learningRate > 0) || promptDropout < 0
          || promptDropout >= 1 || !(snrGamma >= 0) || !(emaDecay >= 0 && emaDecay < 1)) {
        throw new IllegalArgumentException("denoising training needs a stage name, steps >= 0 (0 skips the stage),"
            + " batchSize >= 1, learningRate > 0, promptDropout in [0, 1), snrGamma >= 0 and emaDecay in [0, 1),"
            + " got stage '" + stage + "', steps " + steps + ", batchSize " + batchSize + ", learningRate "
            + learningRate + ", promptDropout " + promptDropout + ", snrGamma " + snrGamma + ", emaDecay " + emaDecay);
      }
    }

    /** The pass without a moving average, training the queries with the UNet. */
    public Config(String stage, int steps, int batchSize, float learningRate, float promptDropout, float snrGamma,
        long dataSeed) {
      this(stage, steps, batchSize, learningRate, promptDropout, snrGamma, dataSeed, 0f, true);
    }

    /** Stage I's creation half: the UNet alone learns to read the queries' bound tokens. */
    public static Config defaults() {
      return new Config(STAGE, 1500, 16, 1e-3f, 0.1f, 0f, 3000, 0f, false);
    }

    /**
     * The same loss once more after stages II and III, with the LLM as they left it (frozen again). Those
     * stages train the LLM on text, which moves the hidden states the dream queries read; the UNet, trained
     * against the old ones, then draws worse (measured: creation fell from 0.25 to 0.10 in 300 stage II
     * steps). This pass aligns the queries, the condition projector and the UNet to the final LLM; its
     * text-to-image steps cost half of a stage II step. Its loss is Min-SNR weighted (gamma 5, Hang et al.
     * 2023's choice): 1000 such steps from the bundle drew 300 held-out captions at 0.473 all-attributes
     * against 0.450 with the plain loss, one-shape prompts 0.88 against 0.80. No moving average
     * ({@link Config#emaDecay()}): 1000 further steps on the UNet of the bundle drew 100 held-out captions at
     * 0.50 without one and 0.47 with a 0.999 one.
     */
    public static Config realign() {
      return new Config(REALIGN_STAGE, 2500, 16, 1e-3f, 0.1f, 5f, 6000);
    }

    public Config withSteps(int newSteps) {
      return new Config(stage, newSteps, batchSize, learningRate, promptDropout, snrGamma, dataSeed, emaDecay,
          trainQueries);
    }

    public Config withBatchSize(int newBatchSize) {
      return new Config(stage, steps, newBatchSize, learningRate, promptDropout, snrGamma, dataSeed, emaDecay,
          trainQueries);
    }

    public Config withDataSeed(long newDataSeed) {
      return new Config(stage, steps, batchSize, learningRate, promptDropout, snrGamma, newDataSeed, emaDecay,
          trainQueries);
    }

    public Config withTrainQueries(boolean newTrainQueries) {
      return new Config(stage, steps, batchSize, learningRate, promptDropout, snrGamma, dataSeed, emaDecay,
          newTrainQueries);
    }

    public Config withEmaDecay(float newEmaDecay) {
      return new Config(stage, steps, batchSize, learningRate, promptDropout, snrGamma, dataSeed, newEmaDecay,
          trainQueries);
    }
  }

  private final UNet2DConditionModel unet;
  private final DiffusionTargets targets;
  private final QueryConditions conditions;
  private final TrainableParameters llmParameters;
  private final TrainableParameters dreamParameters;
  private final TrainableParameters unetParameters;

  /**
   * @param llmParameters the LLM's, frozen for the duration of {@link #train}
   * @param dreamParameters the dream parts', trained or frozen as {@link Config#trainQueries()} says
   * @param unetParameters the UNet's, trained
   */
  DenoisingTraining(LlamaForCausalLM llm, DreamParts dream, UNet2DConditionModel unet, DiffusionTargets targets,
      DreamTokenizer tokenizer, TrainableParameters llmParameters, TrainableParameters dreamParameters,
      TrainableParameters unetParameters) {
    this.unet = unet;
    this.targets = targets;
    this.conditions = new QueryConditions(llm, dream, tokenizer);
    this.llmParameters = llmParameters;
    this.dreamParameters = dreamParameters;
    this.unetParameters = unetParameters;
  }

  /** Runs {@code c.steps()} steps on scenes drawn from {@code c.dataSeed()}, skipping {@code heldOut}. */
  public void train(Config c, Set<Scene> heldOut, NDManager manager, LossLog log) {
    List<TrainableParameters> trained = c.trainQueries()
        ? List.of(unetParameters, dreamParameters) : List.of(unetParameters);
    List<TrainableParameters> frozen = c.trainQueries()
        ? List.of(llmParameters) : List.of(llmParameters, dreamParameters);
    LearningRateSchedule lr = new LearningRateSchedule(c.learningRate(), Math.max(1, c.steps() / 20), c.steps(), 0.1f);
    AdamOptimizer adam = new AdamOptimizer(lr, 1f, trained.toArray(TrainableParameters[]::new));
    SceneSampler sampler = new SceneSampler(c.dataSeed());
    SplittableRandom random = new SplittableRandom(c.dataSeed() + 1);
    frozen.forEach(p -> p.setTrainable(false));
    try (ExponentialMovingAverage ema = c.emaDecay() == 0 ? null : new ExponentialMovingAverage(c.emaDecay(), trained)) {
      for (int step = 1; step <= c.steps(); step++) {
        long start = System.nanoTime();
        List<Scene> batch = new ArrayList<>(c.batchSize());
        while (batch.size() < c.batchSize()) {
          batch.add(sampler.nextNotIn(heldOut));
        }
        List<String> prompts = batch.stream()
            .map(s -> random.nextDouble() < c.promptDropout() ? "" : Captions.caption(s)).toList();
        double loss;
        float gradNorm;
        try (NDManager m = manager.newSubManager()) {
          DiffusionTargets.Noised noised = targets.noised(batch, random, m);
          try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray predicted = unet.forward(noised.latents(), noised.timesteps(), condition(prompts, m));
            NDArray l = targets.loss(predicted, noised, c.snrGamma());
            collector.backward(l);
            loss = l.getFloat();
          }
          if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(c.stage() + " loss is " + loss + " at step " + step
                + "; lower the learning rate (" + c.learningRate() + ")");
          }
          gradNorm = adam.step();
          if (ema != null) {
            ema.update();
          }
        }
        log.record(c.stage(), step, c.steps(), loss, Map.of(), lr.at(step), gradNorm, (System.nanoTime() - start) / 1e6);
      }
      if (ema != null) {
        ema.copyToParameters();
      }
    } finally {
      frozen.forEach(p -> p.setTrainable(true));
    }
  }

  /** The UNet condition of each prompt, [B, N, cross_dim] (see {@link QueryConditions}). */
  NDArray condition(List<String> prompts, NDManager m) {
    return conditions.of(prompts, m);
  }
}
