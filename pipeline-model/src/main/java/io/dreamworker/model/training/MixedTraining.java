package io.dreamworker.model.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.dreamworker.model.diffusion.unet.UNet2DConditionModel;
import io.dreamworker.model.dream.DreamParts;
import io.dreamworker.model.image.RgbImage;
import io.dreamworker.model.llm.LlamaForCausalLM;
import io.dreamworker.model.llm.LlamaInput;
import io.dreamworker.model.llm.LlamaOutput;
import io.dreamworker.model.llm.LogitsMode;
import io.dreamworker.model.nn.Scalars;
import io.dreamworker.model.pipeline.ChatTemplate;
import io.dreamworker.model.pipeline.PromptLayout;
import io.dreamworker.model.shapes.Captions;
import io.dreamworker.model.shapes.Instruction;
import io.dreamworker.model.shapes.Instructions;
import io.dreamworker.model.shapes.Scene;
import io.dreamworker.model.shapes.SceneRenderer;
import io.dreamworker.model.shapes.SceneSampler;
import io.dreamworker.model.shapes.Stories;
import io.dreamworker.model.shapes.Story;
import io.dreamworker.model.text.DreamTokenizer;
import io.dreamworker.model.text.SpecialTokens;
import io.dreamworker.model.vision.ClipVisionModel;
import io.dreamworker.model.vision.preprocess.ClipImageProcessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Stages II (I-GPT) and III (SFT) at the shapes scale: every part but the VAE trains on one loss over a
 * mix of sequences laid out exactly as the serving pipeline feeds them, the next-token loss on the text
 * the model writes plus the denoising loss ({@link DiffusionTargets}) at every picture it draws:
 *
 * <ul>
 *   <li><b>story documents</b> (stage II): BOS, then a story whose every picture sentence is followed by
 *       {@code <dream>}, the dream queries (the picture's denoising target) and the picture itself as an
 *       input image span, the way {@link io.dreamworker.model.pipeline.DreamPipeline#interleaved} feeds
 *       a drawn picture back; the model learns the text and where {@code <dream>} goes;</li>
 *   <li><b>story instructions</b> (stage III): the same, answering {@code write a short story with
 *       pictures about ...} in the chat template;</li>
 *   <li><b>draw instructions</b> (stage III): {@code draw <caption>.} answered by {@code <dream>}, the
 *       picture, then EOS;</li>
 *   <li><b>describe</b> (stages II and III): a picture and {@code describe the image.} answered by its
 *       caption, which keeps stage I's comprehension;</li>
 *   <li><b>text to image</b> (stages II and III): stage I's raw caption prompt then the dream queries,
 *       with a fraction of empty prompts for classifier-free guidance, which keeps stage I's creation.</li>
 * </ul>
 *
 * <p>Sequences are right-padded: with causal attention no real position sees a pad, and positions keep
 * the numbers they have unpadded. Loss is taken only where the model writes (answers, story text,
 * {@code <dream>}, EOS), never on the prompt, the queries or image spans.
 */
public final class MixedTraining {

  /**
   * Sequences of each kind per step.
   *
   * @param documents story documents (stage II)
   * @param stories story instructions (stage III)
   * @param draws draw instructions (stage III)
   * @param describes describe instructions
   * @param textToImage raw caption prompts drawn through the queries
   */
  public record Mix(int documents, int stories, int draws, int describes, int textToImage) {
    public Mix {
      if (documents < 0 || stories < 0 || draws < 0 || describes < 0 || textToImage < 0
          || documents + stories + draws + describes + textToImage == 0) {
        throw new IllegalArgumentException("a mix needs non-negative counts and at least one sequence, got documents "
            + documents + ", stories " + stories + ", draws " + draws + ", describes " + describes + ", textToImage "
            + textToImage);
      }
    }

    /** Stage II: interleaved documents, with captioning and text-to-image kept up. */
    public static Mix interleaved() {
      return new Mix(3, 0, 0, 3, 12);
    }

    /** Stage III: the instruction formats the worker serves. */
    public static Mix instructions() {
      return new Mix(0, 2, 3, 3, 10);
    }
  }

  /**
   * @param stage the stage's name in the loss log
   * @param steps optimizer steps (0 skips the stage)
   * @param mix the sequences of a step
   * @param learningRate Adam's peak rate (warm-up 5% of the steps, cosine decay to 10%)
   * @param denoiseWeight the denoising loss's weight beside the text loss
   * @param promptDropout the fraction of text-to-image prompts replaced by the empty prompt
   * @param dataSeed the scenes', stories', timesteps' and noise's seed
   * @param codeWeight the weight of the squared error between the condition at every drawn picture's queries and
   *     the picture's {@link SceneCode} (all null tokens for an empty prompt), which keeps the binding that {@link
   *     ConditionDistillation} taught while these stages move the LLM; 0 for none
   */
  public record Config(String stage, int steps, Mix mix, float learningRate, float denoiseWeight, float promptDropout,
      long dataSeed, float codeWeight) {
    public Config {
      if (steps < 0 || !(learningRate > 0) || !(denoiseWeight >= 0) || promptDropout < 0 || promptDropout >= 1
          || !(codeWeight >= 0)) {
        throw new IllegalArgumentException("mixed training needs steps >= 0, learningRate > 0, denoiseWeight >= 0,"
            + " promptDropout in [0, 1) and codeWeight >= 0, got steps " + steps + ", learningRate " + learningRate
            + ", denoiseWeight " + denoiseWeight + ", promptDropout " + promptDropout + ", codeWeight " + codeWeight);
      }
    }

    /** A stage without the scene code's loss. */
    public Config(String stage, int steps, Mix mix, float learningRate, float denoiseWeight, float promptDropout,
        long dataSeed) {
      this(stage, steps, mix, learningRate, denoiseWeight, promptDropout, dataSeed, 0f);
    }

    public static Config interleaved() {
      return new Config("interleaved", 600, Mix.interleaved(), 6e-4f, 1f, 0.1f, 4000, 1f);
    }

    public static Config instructions() {
      return new Config("instructions", 900, Mix.instructions(), 5e-4f, 1f, 0.1f, 5000, 1f);
    }

    public Config withSteps(int newSteps) {
      return new Config(stage, newSteps, mix, learningRate, denoiseWeight, promptDropout, dataSeed, codeWeight);
    }

    public Config withDataSeed(long seed) {
      return new Config(stage, steps, mix, learningRate, denoiseWeight, promptDropout, seed, codeWeight);
    }

    public Config withCodeWeight(float newCodeWeight) {
      return new Config(stage, steps, mix, learningRate, denoiseWeight, promptDropout, dataSeed, newCodeWeight);
    }
  }

  /** A run of one sequence. */
  sealed interface Segment {}

  /** Token ids; {@code learn} when the model writes them (loss), not when they are given. */
  record Tokens(long[] ids, boolean learn) implements Segment {}

  /**
   * {@code <dream_start>}, the queries, {@code <dream_end>}: the scene is the denoising target; {@code
   * unconditional} when its prompt was dropped, so that its scene code is the empty prompt's.
   */
  record Dream(Scene scene, boolean unconditional) implements Segment {
    Dream(Scene scene) {
      this(scene, false);
    }
  }

  /** {@code <im_start>}, the scene's projected CLIP features, {@code <im_end>}: a picture the model sees. */
  record Shown(Scene scene) implements Segment {}

  private final ClipVisionModel vision;
  private final DreamParts dream;
  private final LlamaForCausalLM llm;
  private final UNet2DConditionModel unet;
  private final ClipImageProcessor processor;
  private final DreamTokenizer tokenizer;
  private final DiffusionTargets targets;
  private final SceneCode code;
  private final List<TrainableParameters> parameters;
  private final SceneRenderer renderer = new SceneRenderer();

  /**
   * @param code the scene code of {@link Config#codeWeight()}, or null if no stage of this instance weighs it
   * @param parameters every part trained: vision, dream, llm and unet (the VAE stays frozen)
   */
  MixedTraining(ClipVisionModel vision, DreamParts dream, LlamaForCausalLM llm, UNet2DConditionModel unet,
      ClipImageProcessor processor, DreamTokenizer tokenizer, DiffusionTargets targets, SceneCode code,
      List<TrainableParameters> parameters) {
    this.vision = vision;
    this.dream = dream;
    this.llm = llm;
    this.unet = unet;
    this.processor = processor;
    this.tokenizer = tokenizer;
    this.targets = targets;
    this.code = code;
    this.parameters = List.copyOf(parameters);
  }

  /**
   * Runs {@code c.steps()} steps. Scenes in {@code heldOut} are never trained on as pictures to draw or
   * describe, nor inside stories; story seeds are separate from the evaluation's.
   */
  public void train(Config c, Set<Scene> heldOut, NDManager manager, LossLog log) {
    if (c.steps() == 0) {
      return;
    }
    if (c.codeWeight() > 0 && code == null) {
      throw new IllegalArgumentException(c.stage() + " weighs the scene code's loss (" + c.codeWeight()
          + ") but no scene code was given");
    }
    LearningRateSchedule lr = new LearningRateSchedule(c.learningRate(), Math.max(1, c.steps() / 20), c.steps(), 0.1f);
    AdamOptimizer adam = new AdamOptimizer(lr, 1f, parameters.toArray(TrainableParameters[]::new));
    SceneSampler scenes = new SceneSampler(c.dataSeed());
    Stories stories = new Stories(c.dataSeed() + 1);
    SplittableRandom random = new SplittableRandom(c.dataSeed() + 2);
    for (int step = 1; step <= c.steps(); step++) {
      long start = System.nanoTime();
      List<List<Segment>> batch = batch(c, scenes, stories, random, heldOut);
      double text;
      double denoise;
      double codeError;
      float gradNorm;
      try (NDManager m = manager.newSubManager()) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          Losses losses = losses(batch, random, c.codeWeight() > 0, m);
          NDArray total = losses.text();
          if (losses.denoise() != null) {
            NDArray weighted = Scalars.mul(losses.denoise(), c.denoiseWeight());
            total = total == null ? weighted : total.add(weighted);
          }
          if (losses.code() != null) {
            NDArray weighted = Scalars.mul(losses.code(), c.codeWeight());
            total = total == null ? weighted : total.add(weighted);
          }
          collector.backward(total);
          text = losses.text() == null ? 0 : losses.text().getFloat();
          denoise = losses.denoise() == null ? 0 : losses.denoise().getFloat();
          codeError = losses.code() == null ? 0 : losses.code().getFloat();
        }
        if (!Double.isFinite(text) || !Double.isFinite(denoise) || !Double.isFinite(codeError)) {
          throw new TrainingDivergedException(c.stage() + " loss is text " + text + ", denoise " + denoise
              + ", code " + codeError + " at step " + step + "; lower the learning rate (" + c.learningRate() + ")");
        }
        gradNorm = adam.step();
      }
      log.record(c.stage(), step, c.steps(), text + c.denoiseWeight() * denoise + c.codeWeight() * codeError,
          Map.of("text", text, "denoise", denoise, "code_mse", codeError), lr.at(step), gradNorm,
          (System.nanoTime() - start) / 1e6);
    }
  }

  /** One step's sequences, in the order documents, stories, draws, describes, text to image. */
  List<List<Segment>> batch(Config c, SceneSampler scenes, Stories stories, SplittableRandom random,
      Set<Scene> heldOut) {
    List<List<Segment>> rows = new ArrayList<>();
    Mix mix = c.mix();
    for (int i = 0; i < mix.documents(); i++) {
      rows.add(document(unseenStory(stories, heldOut)));
    }
    for (int i = 0; i < mix.stories(); i++) {
      rows.add(instruction(Instructions.story(unseenStory(stories, heldOut))));
    }
    for (int i = 0; i < mix.draws(); i++) {
      rows.add(instruction(Instructions.draw(scenes.nextNotIn(heldOut))));
    }
    for (int i = 0; i < mix.describes(); i++) {
      rows.add(instruction(Instructions.describe(scenes.nextNotIn(heldOut))));
    }
    for (int i = 0; i < mix.textToImage(); i++) {
      Scene s = scenes.nextNotIn(heldOut);
      boolean dropped = random.nextDouble() < c.promptDropout();
      rows.add(List.of(new Tokens(withBos(dropped ? new long[0] : tokenizer.encode(Captions.caption(s))), false),
          new Dream(s, dropped)));
    }
    return rows;
  }

  /** BOS and the story's text, each {@code <dream>} followed by the picture drawn and then shown. */
  List<Segment> document(Story story) {
    List<Segment> row = new ArrayList<>();
    row.add(new Tokens(new long[] {id(SpecialTokens.BOS)}, false));
    answer(row, story.text(), story.pictures());
    return row;
  }

  /** The chat template's prompt (with the input picture, if any), then the answer the model writes. */
  List<Segment> instruction(Instruction instruction) {
    List<Segment> row = new ArrayList<>();
    String user = instruction.input().isPresent()
        ? PromptLayout.IMAGE_PLACEHOLDER + instruction.prompt() : instruction.prompt();
    List<PromptLayout.Part> prompt = PromptLayout.of(tokenizer, id(SpecialTokens.BOS),
        ChatTemplate.VICUNA_V1_1.prompt(user), instruction.input().isPresent() ? 1 : 0);
    for (PromptLayout.Part part : prompt) {
      row.add(switch (part) {
        case PromptLayout.Tokens t -> new Tokens(t.ids(), false);
        case PromptLayout.Image img -> new Shown(instruction.input().orElseThrow());
      });
    }
    answer(row, instruction.response(), instruction.outputs());
    return row;
  }

  /**
   * The text the model writes, split at each {@code <dream>}: the marker is written (loss), then the
   * pipeline appends the queries and shows the drawn picture; EOS ends the answer.
   */
  private void answer(List<Segment> row, String text, List<Scene> pictures) {
    String[] pieces = text.split(SpecialTokens.DREAM, -1);
    if (pieces.length - 1 != pictures.size()) {
      throw new IllegalArgumentException("'" + text + "' has " + (pieces.length - 1) + " " + SpecialTokens.DREAM
          + " markers for " + pictures.size() + " pictures");
    }
    for (int i = 0; i < pieces.length; i++) {
      long[] ids = tokenizer.encode(pieces[i]);
      if (i < pictures.size()) {
        long[] withDream = Arrays.copyOf(ids, ids.length + 1);
        withDream[ids.length] = id(SpecialTokens.DREAM);
        row.add(new Tokens(withDream, true));
        row.add(new Dream(pictures.get(i)));
        row.add(new Shown(pictures.get(i)));
      } else {
        long[] withEos = Arrays.copyOf(ids, ids.length + 1);
        withEos[ids.length] = id(SpecialTokens.EOS);
        row.add(new Tokens(withEos, true));
      }
    }
  }

  /**
   * The text loss (nats per written token), the denoising loss and the scene code's squared error of a batch; any
   * may be null.
   */
  record Losses(NDArray text, NDArray denoise, NDArray code) {}

  /**
   * Where a sequence's parts land: for each position the token the model must write next (-1 where it
   * writes nothing: prompts, queries, image spans), and where each dream span's queries start.
   */
  record Layout(long[] targets, List<Integer> queryStarts) {}

  /** The layout of {@code row} with {@code queries} dream queries and image spans of {@code imageTokens} features. */
  static Layout layout(List<Segment> row, long queries, long imageTokens) {
    List<Long> target = new ArrayList<>();
    List<Integer> starts = new ArrayList<>();
    for (Segment s : row) {
      switch (s) {
        case Tokens t -> {
          for (long id : t.ids()) {
            // The logits at position p predict the token at p + 1.
            if (t.learn() && !target.isEmpty()) {
              target.set(target.size() - 1, id);
            }
            target.add(-1L);
          }
        }
        case Dream d -> {
          starts.add(target.size() + 1);
          for (long i = 0; i < queries + 2; i++) {
            target.add(-1L);
          }
        }
        case Shown sh -> {
          for (long i = 0; i < imageTokens + 2; i++) {
            target.add(-1L);
          }
        }
      }
    }
    return new Layout(target.stream().mapToLong(Long::longValue).toArray(), starts);
  }

  /** @param withCode whether to take the scene code's squared error at the drawn pictures */
  Losses losses(List<List<Segment>> rows, SplittableRandom random, boolean withCode, NDManager m) {
    List<Scene> shown = new ArrayList<>();
    List<Scene> drawn = new ArrayList<>();
    List<Scene> coded = new ArrayList<>();
    for (List<Segment> row : rows) {
      for (Segment s : row) {
        if (s instanceof Shown sh) {
          shown.add(sh.scene());
        } else if (s instanceof Dream d) {
          drawn.add(d.scene());
          coded.add(d.unconditional() ? null : d.scene());
        }
      }
    }
    NDArray features = shown.isEmpty() ? null
        : dream.projectImageFeatures(vision.hiddenState(pixels(shown, m), dream.config().visionSelectLayer()));
    NDArray queries = dream.dreamQueries();
    long n = dream.config().numDreamQueries();
    long hidden = dream.config().llmHiddenSize();

    long imageTokens = features == null ? 0 : features.getShape().get(1);
    List<NDArray> embedded = new ArrayList<>();
    List<long[]> targetRows = new ArrayList<>();
    List<long[]> dreamAt = new ArrayList<>();
    int shownIndex = 0;
    int longest = 0;
    for (int r = 0; r < rows.size(); r++) {
      NDList parts = new NDList();
      for (Segment s : rows.get(r)) {
        switch (s) {
          case Tokens t -> parts.add(llm.embed(m.create(new long[][] {t.ids()})));
          case Dream d -> {
            parts.add(llm.embed(m.create(new long[][] {{id(SpecialTokens.DREAM_START)}})));
            parts.add(queries);
            parts.add(llm.embed(m.create(new long[][] {{id(SpecialTokens.DREAM_END)}})));
          }
          case Shown sh -> {
            parts.add(llm.embed(m.create(new long[][] {{id(SpecialTokens.IM_START)}})));
            parts.add(features.get(shownIndex++).expandDims(0));
            parts.add(llm.embed(m.create(new long[][] {{id(SpecialTokens.IM_END)}})));
          }
        }
      }
      Layout layout = layout(rows.get(r), n, imageTokens);
      for (int start : layout.queryStarts()) {
        dreamAt.add(new long[] {r, start});
      }
      NDArray row = NDArrays.concat(parts, 1);
      if (row.getShape().get(1) != layout.targets().length) {
        throw new IllegalStateException("sequence " + r + " embeds " + row.getShape().get(1) + " positions but its"
            + " layout has " + layout.targets().length);
      }
      embedded.add(row);
      targetRows.add(layout.targets());
      longest = Math.max(longest, layout.targets().length);
    }
    NDList padded = new NDList();
    for (NDArray row : embedded) {
      long length = row.getShape().get(1);
      padded.add(length == longest ? row
          : NDArrays.concat(new NDList(row, m.zeros(new Shape(1, longest - length, hidden))), 1));
    }
    NDArray embeds = NDArrays.concat(padded, 0);
    boolean anyText = targetRows.stream().anyMatch(t -> Arrays.stream(t).anyMatch(id -> id >= 0));
    LlamaOutput out = llm.forward(LlamaInput.ofEmbeds(embeds)
        .withLogits(anyText ? LogitsMode.ALL : LogitsMode.NONE), null);

    NDArray textLoss = null;
    if (anyText) {
      int vocab = llm.config().vocabSize();
      float[] oneHot = new float[rows.size() * longest * vocab];
      int count = 0;
      for (int r = 0; r < rows.size(); r++) {
        long[] t = targetRows.get(r);
        for (int p = 0; p < t.length; p++) {
          if (t[p] >= 0) {
            oneHot[(r * longest + p) * vocab + (int) t[p]] = 1f;
            count++;
          }
        }
      }
      NDArray target = m.create(oneHot, new Shape(rows.size(), longest, vocab));
      textLoss = Scalars.div(out.logits().logSoftmax(-1).mul(target).sum().neg(), count);
    }

    NDArray denoiseLoss = null;
    NDArray codeLoss = null;
    if (!drawn.isEmpty()) {
      NDList atQueries = new NDList();
      for (long[] at : dreamAt) {
        atQueries.add(out.lastHidden().get(new NDIndex("{}, {}:{}, :", at[0], at[1], at[1] + n)));
      }
      NDArray condition = dream.condition(NDArrays.stack(atQueries, 0));
      DiffusionTargets.Noised noised = targets.noised(drawn, random, m);
      NDArray predicted = unet.forward(noised.latents(), noised.timesteps(), condition);
      denoiseLoss = targets.loss(predicted, noised, 0);
      if (withCode) {
        codeLoss = condition.sub(code.of(coded, m)).square().mean();
      }
    }
    return new Losses(textLoss, denoiseLoss, codeLoss);
  }

  private NDArray pixels(List<Scene> scenes, NDManager m) {
    NDList rows = new NDList();
    for (Scene s : scenes) {
      rows.add(processor.process(new RgbImage(Scene.SIZE, Scene.SIZE, renderer.rgbBytes(s))).toNDArray(m));
    }
    return NDArrays.stack(rows, 0);
  }

  private long[] withBos(long[] ids) {
    long[] out = new long[ids.length + 1];
    out[0] = id(SpecialTokens.BOS);
    System.arraycopy(ids, 0, out, 1, ids.length);
    return out;
  }

  private static Story unseenStory(Stories stories, Set<Scene> heldOut) {
    Story story;
    do {
      story = stories.next();
    } while (story.pictures().stream().anyMatch(heldOut::contains));
    return story;
  }

  private long id(String token) {
    return tokenizer.specialTokens().require(token);
  }
}
