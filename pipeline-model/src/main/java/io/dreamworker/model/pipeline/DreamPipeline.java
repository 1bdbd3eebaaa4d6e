package io.dreamworker.model.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.bundle.ModelBundle;
import io.dreamworker.model.diffusion.scheduler.ClassifierFreeGuidance;
import io.dreamworker.model.diffusion.scheduler.Scheduler;
import io.dreamworker.model.diffusion.scheduler.SchedulerState;
import io.dreamworker.model.diffusion.scheduler.SeededNoise;
import io.dreamworker.model.diffusion.vae.DecodedImages;
import io.dreamworker.model.generation.Document;
import io.dreamworker.model.generation.ImageParams;
import io.dreamworker.model.generation.SamplingParams;
import io.dreamworker.model.generation.TokenSampler;
import io.dreamworker.model.image.RgbImage;
import io.dreamworker.model.llm.LlamaForCausalLM;
import io.dreamworker.model.llm.LlamaInput;
import io.dreamworker.model.llm.LlamaKvCache;
import io.dreamworker.model.llm.LlamaOutput;
import io.dreamworker.model.llm.LogitsMode;
import io.dreamworker.model.text.DreamTokenizer;
import io.dreamworker.model.text.SpecialTokens;
import io.dreamworker.model.vision.preprocess.ImagePixels;
import io.dreamworker.model.vision.preprocess.ImageRejectedException;
import java.util.ArrayList;
import java.util.List;

/**
 * DreamLLM's pipeline for one request at a time, wired as the released implementation does (see
 * {@code docs/architecture.md}):
 *
 * <ul>
 *   <li><b>comprehension</b>: an image goes through CLIP's penultimate layer, drops its class
 *       token, and is projected into the LLM as {@code <im_start>} + patches + {@code <im_end>};
 *   <li><b>creation</b>: after {@code <dream>} the LLM reads {@code <dream_start>} + the learned
 *       queries + {@code <dream_end>}; its final-norm hidden states at the query positions, through
 *       the condition projector, are the UNet's cross-attention context; guidance runs the same on
 *       the negative (by default empty) prompt; the VAE decodes the latents;
 *   <li><b>interleaving</b>: the generated image is fed back through CLIP and decoding continues
 *       (the released code has no such loop; this is where it exists).
 * </ul>
 *
 * <p>This is the reference the batching engine must agree with, and the baseline it is measured
 * against: every call runs with batch size 1. Results depend only on the inputs and the seeds.
 * Each call's arrays live in a sub-manager of the bundle's and are freed when it returns.
 *
 * <p>Not thread-safe: calls share the bundle's device; use one pipeline per thread or the engine.
 */
public final class DreamPipeline {
  private final ModelBundle bundle;
  private final ChatTemplate template;
  private final SpecialTokens special;

  public DreamPipeline(ModelBundle bundle, ChatTemplate template) {
    this.bundle = bundle;
    this.template = template;
    this.special = bundle.tokenizer().specialTokens();
  }

  public DreamPipeline(ModelBundle bundle) {
    this(bundle, ChatTemplate.VICUNA_V1_1);
  }

  /**
   * Describes an image.
   *
   * @param image PNG or JPEG bytes
   * @param instruction the user's request, such as "describe the image"
   * @throws ImageRejectedException if the image is not a PNG or JPEG within the bundle's limits
   */
  public String caption(byte[] image, String instruction, int maxNewTokens, SamplingParams sampling)
      throws ImageRejectedException {
    ImagePixels pixels = bundle.imageProcessor().process(image);
    try (NDManager m = bundle.manager().newSubManager();
        LlamaKvCache cache = bundle.llm().newCache(m)) {
      NDArray prompt = promptEmbeds(m, template.prompt("<image>" + instruction), List.of(pixels));
      Sequence seq = new Sequence(m, cache, new TokenSampler(sampling));
      float[] logits = seq.append(prompt);
      List<Integer> generated = new ArrayList<>();
      for (int i = 0; i < maxNewTokens; i++) {
        int token = seq.choose(logits);
        if (token == id(SpecialTokens.EOS)) {
          break;
        }
        generated.add(token);
        logits = seq.append(token);
      }
      return bundle.tokenizer().decode(generated.stream().mapToLong(Integer::longValue).toArray(), true).strip();
    }
  }

  /** Draws one image for a prompt (DreamLLM's text-to-image: the raw prompt, then the dream queries). */
  public RgbImage textToImage(String prompt, ImageParams params) {
    try (NDManager m = bundle.manager().newSubManager();
        LlamaKvCache cache = bundle.llm().newCache(m)) {
      Sequence seq = new Sequence(m, cache, new TokenSampler(SamplingParams.GREEDY));
      seq.append(promptEmbeds(m, prompt, List.of()));
      NDArray condition = seq.dream(id(SpecialTokens.DREAM_START));
      return draw(m, condition, params);
    }
  }

  /**
   * Writes an interleaved document: text, and an image wherever the model emits {@code <dream>}
   * (or {@code <dream_start>}), each image fed back to the model before decoding continues.
   *
   * @param prompt the user's request; {@code <image>} marks where each input image goes
   * @param inputImages PNG or JPEG bytes, one per {@code <image>}
   * @param maxImages images to generate at most; further {@code <dream>} tokens end the document
   * @throws ImageRejectedException if an input image is not a PNG or JPEG within the limits
   */
  public Document interleaved(String prompt, List<byte[]> inputImages, int maxImages, int maxNewTokens,
      SamplingParams sampling, ImageParams imageParams) throws ImageRejectedException {
    List<ImagePixels> pixels = new ArrayList<>();
    for (byte[] image : inputImages) {
      pixels.add(bundle.imageProcessor().process(image));
    }
    try (NDManager m = bundle.manager().newSubManager();
        LlamaKvCache cache = bundle.llm().newCache(m)) {
      Sequence seq = new Sequence(m, cache, new TokenSampler(sampling));
      float[] logits = seq.append(promptEmbeds(m, template.prompt(prompt), pixels));
      List<Document.Segment> segments = new ArrayList<>();
      List<Long> text = new ArrayList<>();
      ImageParams nextImage = imageParams;
      int images = 0;
      for (int i = 0; i < maxNewTokens; i++) {
        int token = seq.choose(logits);
        boolean dream = token == id(SpecialTokens.DREAM) || token == id(SpecialTokens.DREAM_START);
        if (token == id(SpecialTokens.EOS) || (dream && images == maxImages)) {
          break;
        }
        if (!dream) {
          text.add((long) token);
          logits = seq.append(token);
          continue;
        }
        flushText(segments, text);
        // The emitted token enters the context, then <dream_start> if the model wrote <dream>.
        NDArray condition = token == id(SpecialTokens.DREAM)
            ? seq.dream(token, id(SpecialTokens.DREAM_START))
            : seq.dream(token);
        RgbImage image = draw(m, condition, nextImage);
        segments.add(new Document.Image(images++, image));
        nextImage = nextImage.next();
        logits = seq.append(imageSpan(m, bundle.imageProcessor().process(image)));
      }
      flushText(segments, text);
      return new Document(segments);
    }
  }

  private void flushText(List<Document.Segment> segments, List<Long> text) {
    if (!text.isEmpty()) {
      segments.add(new Document.Text(
          bundle.tokenizer().decode(text.stream().mapToLong(Long::longValue).toArray(), true)));
      text.clear();
    }
  }

  /** Denoises from seeded noise under a condition, with guidance on the negative prompt, and decodes. */
  private RgbImage draw(NDManager m, NDArray condition, ImageParams params) {
    int factor = bundle.vae().config().downsamplingFactor();
    int latentSize = params.size() == 0 ? bundle.unet().config().sampleSize() : params.size() / factor;
    int channels = bundle.unet().config().inChannels();
    SeededNoise noise = new SeededNoise(params.seed());
    Scheduler scheduler = bundle.scheduler(params.scheduler());
    NDArray latents = noise.next(m, new Shape(1, channels, latentSize, latentSize))
        .mul(scheduler.initNoiseSigma());
    NDArray context = condition;
    if (params.guided()) {
      context = NDArrays.concat(new NDList(unconditional(m, params.negativePrompt()), condition), 0);
    }
    ClassifierFreeGuidance guidance = new ClassifierFreeGuidance(params.guidanceScale(), 0);
    try (SchedulerState state = scheduler.start(m, params.steps(), noise)) {
      while (!state.finished()) {
        int t = state.timestep();
        NDArray input = params.guided() ? NDArrays.concat(new NDList(latents, latents), 0) : latents;
        NDArray timesteps = m.full(new Shape(input.getShape().get(0)), t, DataType.INT32);
        NDArray out = bundle.unet().forward(scheduler.scaleModelInput(input, t), timesteps, context);
        NDArray eps = params.guided() ? guidance.apply(out) : out;
        latents = state.step(eps, latents);
      }
    }
    NDArray decoded = bundle.vae().decode(latents.div(bundle.vae().scalingFactor()));
    return DecodedImages.toRgb(decoded).get(0);
  }

  /** The condition of the negative prompt: DreamLLM runs it through the LLM and the queries too. */
  private NDArray unconditional(NDManager m, String negativePrompt) {
    try (LlamaKvCache cache = bundle.llm().newCache(m)) {
      Sequence seq = new Sequence(m, cache, new TokenSampler(SamplingParams.GREEDY));
      seq.append(promptEmbeds(m, negativePrompt, List.of()));
      return seq.dream(id(SpecialTokens.DREAM_START));
    }
  }

  /** The prompt's embeddings, laid out by {@link PromptLayout}: [1, T, H]. */
  private NDArray promptEmbeds(NDManager m, String text, List<ImagePixels> images) {
    NDList parts = new NDList();
    for (PromptLayout.Part part : PromptLayout.of(bundle.tokenizer(), id(SpecialTokens.BOS), text, images.size())) {
      parts.add(switch (part) {
        case PromptLayout.Tokens t -> bundle.llm().embed(m.create(new long[][] {t.ids()}));
        case PromptLayout.Image img -> imageSpan(m, images.get(img.index()));
      });
    }
    return NDArrays.concat(parts, 1);
  }

  /** {@code <im_start>} + the image's projected CLIP features + {@code <im_end>}: [1, P + 2, H]. */
  private NDArray imageSpan(NDManager m, ImagePixels pixels) {
    NDArray px = pixels.toNDArray(m).expandDims(0);
    NDArray hidden = bundle.vision().hiddenState(px, bundle.dream().config().visionSelectLayer());
    NDArray features = bundle.dream().projectImageFeatures(hidden);
    LlamaForCausalLM llm = bundle.llm();
    return NDArrays.concat(new NDList(
        llm.embed(m.create(new long[][] {{id(SpecialTokens.IM_START)}})),
        features,
        llm.embed(m.create(new long[][] {{id(SpecialTokens.IM_END)}}))), 1);
  }

  private long id(String token) {
    return special.require(token);
  }

  /** One sequence's KV cache, its token history and its sampler. */
  private final class Sequence {
    private final NDManager m;
    private final LlamaKvCache cache;
    private final TokenSampler sampler;
    private final List<Integer> history = new ArrayList<>();

    Sequence(NDManager m, LlamaKvCache cache, TokenSampler sampler) {
      this.m = m;
      this.cache = cache;
      this.sampler = sampler;
    }

    /** Feeds embeddings [1, T, H]; returns the last position's logits. */
    float[] append(NDArray embeds) {
      LlamaOutput out = bundle.llm().forward(LlamaInput.ofEmbeds(embeds).withLogits(LogitsMode.LAST), cache);
      return out.logits().toFloatArray();
    }

    /** Feeds one generated token; returns the next logits. */
    float[] append(int token) {
      history.add(token);
      return append(bundle.llm().embed(m.create(new long[][] {{token}})));
    }

    int choose(float[] logits) {
      return sampler.next(logits, history.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The dream-query pass: feeds {@code leading} tokens (those that open the image, ending with
     * {@code <dream_start>}), the learned queries and {@code <dream_end>}, and returns the
     * condition from the final-norm hidden states at the query positions, [1, N, cross_dim].
     */
    NDArray dream(long... leading) {
      LlamaForCausalLM llm = bundle.llm();
      NDArray queries = bundle.dream().dreamQueries();
      for (long token : leading) {
        history.add((int) token);
      }
      NDArray embeds = NDArrays.concat(new NDList(
          llm.embed(m.create(new long[][] {leading})),
          queries,
          llm.embed(m.create(new long[][] {{id(SpecialTokens.DREAM_END)}}))), 1);
      LlamaOutput out = llm.forward(LlamaInput.ofEmbeds(embeds).withLogits(LogitsMode.NONE), cache);
      long n = queries.getShape().get(1);
      NDArray atQueries = out.lastHidden().get(new NDIndex(":, {}:{}, :", leading.length, leading.length + n));
      return bundle.dream().condition(atQueries);
    }
  }
}
