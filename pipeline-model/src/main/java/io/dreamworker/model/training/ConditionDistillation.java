package io.dreamworker.model.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.dreamworker.model.shapes.Captions;
import io.dreamworker.model.shapes.Scene;
import io.dreamworker.model.shapes.SceneSampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Stage I, between captioning and denoising: the LLM, the dream queries and the condition projector learn to
 * produce a {@link SceneCode} at the queries of a caption's prompt (mean squared error), with the captioning loss
 * beside it so that comprehension stays.
 *
 * <p>Why: DreamLLM's queries learn from the denoising loss of a pretrained, frozen Stable Diffusion, whose
 * UNet already reads one bound token per thing named. Here the UNet is trained from scratch against the queries,
 * and queries that learn from the denoising loss alone did not bind a shape's colour, size and position to it
 * (two-shape prompts 1/50). The code gives the queries that structure directly and cheaply: the LLM is tiny
 * beside the UNet, so a step costs about as much as a captioning step. The stages after it are unchanged: the
 * denoising stages then teach the UNet to read what the queries carry.
 */
public final class ConditionDistillation {

  /** The stage's name in the loss log. */
  public static final String STAGE = "distill";

  /**
   * @param steps optimizer steps (0 skips the stage)
   * @param batchSize prompts (and captioned pictures) per step
   * @param learningRate Adam's peak rate (warm-up 5% of the steps, cosine decay to 10%)
   * @param promptDropout the fraction of prompts replaced by the empty prompt, whose code is all null tokens
   * @param captionWeight the captioning loss's weight beside the code's squared error
   * @param dataSeed the scene sampler's and dropout's seed
   */
  public record Config(int steps, int batchSize, float learningRate, float promptDropout, float captionWeight,
      long dataSeed) {
    public Config {
      if (steps < 0 || batchSize < 1 || !(learningRate > 0) || !(promptDropout >= 0 && promptDropout < 1)
          || !(captionWeight >= 0)) {
        throw new IllegalArgumentException("condition distillation needs steps >= 0 (0 skips the stage), batchSize"
            + " >= 1, learningRate > 0, promptDropout in [0, 1) and captionWeight >= 0, got steps " + steps
            + ", batchSize " + batchSize + ", learningRate " + learningRate + ", promptDropout " + promptDropout
            + ", captionWeight " + captionWeight);
      }
    }

    public static Config defaults() {
      return new Config(1000, 16, 2e-3f, 0.1f, 1f, 2500);
    }

    public Config withSteps(int newSteps) {
      return new Config(newSteps, batchSize, learningRate, promptDropout, captionWeight, dataSeed);
    }

    public Config withDataSeed(long newDataSeed) {
      return new Config(steps, batchSize, learningRate, promptDropout, captionWeight, newDataSeed);
    }
  }

  private final QueryConditions conditions;
  private final SceneCode code;
  private final CaptionTraining caption;
  private final List<TrainableParameters> parameters;

  /**
   * @param caption the captioning loss kept beside the code's
   * @param parameters the trained parameters: the vision tower's, the dream parts' and the LLM's
   */
  ConditionDistillation(QueryConditions conditions, SceneCode code, CaptionTraining caption,
      List<TrainableParameters> parameters) {
    this.conditions = conditions;
    this.code = code;
    this.caption = caption;
    this.parameters = List.copyOf(parameters);
  }

  /** Runs {@code c.steps()} steps on scenes drawn from {@code c.dataSeed()}, skipping {@code heldOut}. */
  public void train(Config c, Set<Scene> heldOut, NDManager manager, LossLog log) {
    LearningRateSchedule lr = new LearningRateSchedule(c.learningRate(), Math.max(1, c.steps() / 20), c.steps(), 0.1f);
    AdamOptimizer adam = new AdamOptimizer(lr, 1f, parameters.toArray(TrainableParameters[]::new));
    SceneSampler sampler = new SceneSampler(c.dataSeed());
    SplittableRandom random = new SplittableRandom(c.dataSeed() + 1);
    for (int step = 1; step <= c.steps(); step++) {
      long start = System.nanoTime();
      List<Scene> batch = new ArrayList<>(c.batchSize());
      List<Scene> coded = new ArrayList<>(c.batchSize());
      while (batch.size() < c.batchSize()) {
        Scene s = sampler.nextNotIn(heldOut);
        batch.add(s);
        coded.add(random.nextDouble() < c.promptDropout() ? null : s);
      }
      double loss;
      double squared;
      double captionLoss;
      float gradNorm;
      try (NDManager m = manager.newSubManager()) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray se = squaredError(coded, m);
          NDArray ce = caption.loss(batch, m);
          NDArray l = se.add(ce.mul(c.captionWeight()));
          collector.backward(l);
          loss = l.getFloat();
          squared = se.getFloat();
          captionLoss = ce.getFloat();
        }
        if (!Double.isFinite(loss)) {
          throw new TrainingDivergedException(STAGE + " loss is " + loss + " at step " + step
              + "; lower the learning rate (" + c.learningRate() + ")");
        }
        gradNorm = adam.step();
      }
      log.record(STAGE, step, c.steps(), loss, Map.of("code_mse", squared, "caption", captionLoss), lr.at(step),
          gradNorm, (System.nanoTime() - start) / 1e6);
    }
  }

  /**
   * The fraction of {@code scenes} whose caption's condition decodes to the scene ({@link SceneCode#decodes}):
   * whether the queries carry every attribute bound to the right shape.
   */
  double decodedFraction(List<Scene> scenes, NDManager manager) {
    int decoded = 0;
    for (int from = 0; from < scenes.size(); from += 32) {
      List<Scene> part = scenes.subList(from, Math.min(scenes.size(), from + 32));
      try (NDManager m = manager.newSubManager()) {
        NDArray condition = conditions.of(part.stream().map(Captions::caption).toList(), m);
        for (int i = 0; i < part.size(); i++) {
          if (code.decodes(part.get(i), condition.get(i).toFloatArray())) {
            decoded++;
          }
        }
      }
    }
    return (double) decoded / scenes.size();
  }

  /** Mean squared error between the conditions of the prompts and the codes of {@code coded} (null: empty prompt). */
  NDArray squaredError(List<Scene> coded, NDManager m) {
    NDArray condition = conditions.of(coded.stream().map(s -> s == null ? "" : Captions.caption(s)).toList(), m);
    return condition.sub(code.of(coded, m)).square().mean();
  }
}
