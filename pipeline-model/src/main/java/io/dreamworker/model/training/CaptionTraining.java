package io.dreamworker.model.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.dreamworker.model.dream.DreamParts;
import io.dreamworker.model.image.RgbImage;
import io.dreamworker.model.llm.LlamaForCausalLM;
import io.dreamworker.model.llm.LlamaInput;
import io.dreamworker.model.llm.LogitsMode;
import io.dreamworker.model.nn.Scalars;
import io.dreamworker.model.pipeline.ChatTemplate;
import io.dreamworker.model.pipeline.PromptLayout;
import io.dreamworker.model.shapes.Captions;
import io.dreamworker.model.shapes.Instructions;
import io.dreamworker.model.shapes.Scene;
import io.dreamworker.model.shapes.SceneRenderer;
import io.dreamworker.model.shapes.SceneSampler;
import io.dreamworker.model.text.DreamTokenizer;
import io.dreamworker.model.text.SpecialTokens;
import io.dreamworker.model.vision.ClipVisionModel;
import io.dreamworker.model.vision.preprocess.ClipImageProcessor;
import io.dreamworker.model.vision.preprocess.ImagePixels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage I's comprehension half at the shapes scale: captioning through the visual projector. The
 * example is laid out exactly as {@link io.dreamworker.model.pipeline.DreamPipeline#caption} lays out
 * its prompt (Vicuna v1.1, {@code <image>describe the image.}, the image span of CLIP's
 * penultimate-layer patch features through the projector), followed by the caption and {@code </s>};
 * the loss is the cross-entropy of the answer tokens only.
 *
 * <p>DreamLLM freezes a pretrained CLIP and LLM here and trains the projector alone. No pretrained
 * tower or language model exists for this domain, so this stage trains the CLIP tower, the projector
 * and the LLM together from their seeded initial weights, with the captioning loss standing in for
 * CLIP's contrastive pretraining.
 */
public final class CaptionTraining {

  /** The stage's name in the loss log. */
  public static final String STAGE = "caption";

  /**
   * @param steps optimizer steps
   * @param batchSize captions per step
   * @param learningRate Adam's peak rate (warm-up 5% of the steps, cosine decay to 10%)
   * @param dataSeed the scene sampler's seed
   */
  public record Config(int steps, int batchSize, float learningRate, long dataSeed) {
    public Config {
      if (steps < 0 || batchSize < 1 || !(learningRate > 0)) {
        throw new IllegalArgumentException("caption training needs steps >= 0 (0 skips the stage), batchSize >= 1 and learningRate > 0,"
            + " got steps " + steps + ", batchSize " + batchSize + ", learningRate " + learningRate);
      }
    }

    public static Config defaults() {
      return new Config(1000, 16, 2e-3f, 2000);
    }

    public Config withSteps(int newSteps) {
      return new Config(newSteps, batchSize, learningRate, dataSeed);
    }
  }

  private final ClipVisionModel vision;
  private final DreamParts dream;
  private final LlamaForCausalLM llm;
  private final ClipImageProcessor processor;
  private final DreamTokenizer tokenizer;
  private final List<TrainableParameters> parameters;
  private final List<PromptLayout.Part> prompt;
  private final SceneRenderer renderer = new SceneRenderer();

  /**
   * @param parameters the trained components' parameters, in the order vision, dream, llm
   */
  public CaptionTraining(ClipVisionModel vision, DreamParts dream, LlamaForCausalLM llm, ClipImageProcessor processor,
      DreamTokenizer tokenizer, List<TrainableParameters> parameters) {
    this.vision = vision;
    this.dream = dream;
    this.llm = llm;
    this.processor = processor;
    this.tokenizer = tokenizer;
    this.parameters = List.copyOf(parameters);
    this.prompt = PromptLayout.of(tokenizer, id(SpecialTokens.BOS),
        ChatTemplate.VICUNA_V1_1.prompt(PromptLayout.IMAGE_PLACEHOLDER + Instructions.DESCRIBE), 1);
  }

  /**
   * Runs {@code c.steps()} steps on scenes drawn from {@code c.dataSeed()}, skipping {@code heldOut}
   * so that the evaluation reads captions of pictures the model never saw.
   */
  public void train(Config c, Set<Scene> heldOut, NDManager manager, LossLog log) {
    LearningRateSchedule schedule = new LearningRateSchedule(c.learningRate(), Math.max(1, c.steps() / 20),
        c.steps(), 0.1f);
    AdamOptimizer adam = new AdamOptimizer(schedule, 1f, parameters.toArray(TrainableParameters[]::new));
    SceneSampler sampler = new SceneSampler(c.dataSeed());
    for (int step = 1; step <= c.steps(); step++) {
      long start = System.nanoTime();
      List<Scene> batch = new ArrayList<>(c.batchSize());
      while (batch.size() < c.batchSize()) {
        batch.add(sampler.nextNotIn(heldOut));
      }
      double loss;
      float gradNorm;
      try (NDManager m = manager.newSubManager()) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          NDArray l = loss(batch, m);
          collector.backward(l);
          loss = l.getFloat();
        }
        if (!Double.isFinite(loss)) {
          throw new TrainingDivergedException("caption loss is " + loss + " at step " + step
              + "; lower the learning rate (" + c.learningRate() + ")");
        }
        gradNorm = adam.step();
      }
      log.record(STAGE, step, c.steps(), loss, Map.of(), schedule.at(step), gradNorm,
          (System.nanoTime() - start) / 1e6);
    }
  }

  /** Mean cross-entropy (nats per answer token) of the captions of {@code scenes}, with the graph recorded. */
  NDArray loss(List<Scene> scenes, NDManager m) {
    int b = scenes.size();
    List<long[]> answers = new ArrayList<>(b);
    int longest = 0;
    for (Scene s : scenes) {
      long[] ids = tokenizer.encode(Captions.caption(s));
      long[] withEos = java.util.Arrays.copyOf(ids, ids.length + 1);
      withEos[ids.length] = id(SpecialTokens.EOS);
      answers.add(withEos);
      longest = Math.max(longest, withEos.length);
    }
    NDArray pixels = pixels(scenes, m);
    NDArray features = dream.projectImageFeatures(vision.hiddenState(pixels, dream.config().visionSelectLayer()));
    NDList parts = new NDList();
    for (PromptLayout.Part part : prompt) {
      parts.add(switch (part) {
        case PromptLayout.Tokens t -> llm.embed(repeat(m, t.ids(), b));
        case PromptLayout.Image img -> NDArrays.concat(new NDList(
            llm.embed(repeat(m, new long[] {id(SpecialTokens.IM_START)}, b)), features,
            llm.embed(repeat(m, new long[] {id(SpecialTokens.IM_END)}, b))), 1);
      });
    }
    long promptLength = parts.stream().mapToLong(a -> a.getShape().get(1)).sum();
    long[][] answerIds = new long[b][longest];
    int vocab = llm.config().vocabSize();
    float[] targets = new float[b * longest * vocab];
    int count = 0;
    for (int i = 0; i < b; i++) {
      long[] ids = answers.get(i);
      for (int j = 0; j < ids.length; j++) {
        answerIds[i][j] = ids[j];
        targets[(i * longest + j) * vocab + (int) ids[j]] = 1f;
        count++;
      }
    }
    parts.add(llm.embed(m.create(answerIds)));
    NDArray embeds = NDArrays.concat(parts, 1);
    NDArray logits = llm.forward(LlamaInput.ofEmbeds(embeds).withLogits(LogitsMode.ALL), null).logits();
    // The logits at position p predict token p + 1: the answer is predicted from the prompt's last
    // position up to the answer's second-to-last.
    NDArray predicted = logits.get(new NDIndex(":, {}:{}, :", promptLength - 1, promptLength - 1 + longest));
    NDArray target = m.create(targets, new Shape(b, longest, vocab));
    return Scalars.div(predicted.logSoftmax(-1).mul(target).sum().neg(), count);
  }

  private NDArray pixels(List<Scene> scenes, NDManager m) {
    List<NDArray> rows = new ArrayList<>(scenes.size());
    for (Scene s : scenes) {
      ImagePixels p = processor.process(new RgbImage(Scene.SIZE, Scene.SIZE, renderer.rgbBytes(s)));
      rows.add(p.toNDArray(m));
    }
    return NDArrays.stack(new NDList(rows), 0);
  }

  private static NDArray repeat(NDManager m, long[] ids, int rows) {
    long[][] out = new long[rows][];
    for (int i = 0; i < rows; i++) {
      out[i] = ids;
    }
    return m.create(out);
  }

  private long id(String token) {
    return tokenizer.specialTokens().require(token);
  }
}
