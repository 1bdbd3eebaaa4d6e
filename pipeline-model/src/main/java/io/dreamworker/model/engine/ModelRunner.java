package io.dreamworker.model.engine;

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
import io.dreamworker.model.diffusion.scheduler.SchedulerBatch;
import io.dreamworker.model.diffusion.scheduler.SchedulerState;
import io.dreamworker.model.diffusion.scheduler.SeededNoise;
import io.dreamworker.model.diffusion.vae.DecodedImages;
import io.dreamworker.model.engine.scheduling.GroupKey;
import io.dreamworker.model.engine.scheduling.Stage;
import io.dreamworker.model.engine.scheduling.StageWork;
import io.dreamworker.model.generation.Document;
import io.dreamworker.model.image.RgbImage;
import io.dreamworker.model.llm.KvBatch;
import io.dreamworker.model.llm.LlamaForCausalLM;
import io.dreamworker.model.llm.LlamaKvCache;
import io.dreamworker.model.pipeline.PromptLayout;
import io.dreamworker.model.text.SpecialTokens;
import io.dreamworker.model.vision.preprocess.ImagePixels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Executes what the scheduler decided: one batched call per stage over the requests of a batch,
 * then each request's next work. It never decides what runs; the scheduler never touches the
 * model. Engine thread only.
 *
 * <p>Each stage's call is one of:
 * <ul>
 *   <li>VISION: every pending image of the batch through CLIP and the visual projector;
 *   <li>PREFILL, DECODE, DREAM: one {@link KvBatch} pass over the rows' own caches (DREAM adds a
 *       negative-prompt row when the request's negative prompt is not cached yet);
 *   <li>DIFFUSION: one UNet call over every latent's rows (guidance pairs inside the batch), each
 *       row at its own timestep, then one scheduler update;
 *   <li>VAE_DECODE: the finished latents through the VAE decoder.
 * </ul>
 * Every array a call creates lives in a scratch manager closed after the call, except what a
 * request keeps, which is attached to the request's own manager.
 */
final class ModelRunner {

  /** What executing a batch decided for one request. */
  sealed interface Outcome {
    long requestId();
  }

  /** The request has more work. */
  record Next(long requestId, StageWork work) implements Outcome {}

  /**
   * The request is done. Its future is left to the engine, which completes it with {@code result}
   * applied to the request's timings once the batch that finished it is accounted: completing it
   * here would leave that batch's stage (a text-to-image's whole VAE decode) out of the timings.
   */
  record Done(long requestId, Function<RequestTimings, GenerationResult> result) implements Outcome {}

  private final ModelBundle bundle;
  private final EngineMetrics metrics;
  private final long[] bos;
  private final long imStart;
  private final long imEnd;
  private final long dream;
  private final long dreamStart;
  private final long dreamEnd;
  private final long eos;
  private final int queries;
  private final UnconditionalCache unconditional;

  ModelRunner(ModelBundle bundle, EngineMetrics metrics, int negativePromptCacheEntries) {
    this.bundle = bundle;
    this.metrics = metrics;
    SpecialTokens special = bundle.tokenizer().specialTokens();
    this.bos = new long[] {special.require(SpecialTokens.BOS)};
    this.imStart = special.require(SpecialTokens.IM_START);
    this.imEnd = special.require(SpecialTokens.IM_END);
    this.dream = special.require(SpecialTokens.DREAM);
    this.dreamStart = special.require(SpecialTokens.DREAM_START);
    this.dreamEnd = special.require(SpecialTokens.DREAM_END);
    this.eos = special.require(SpecialTokens.EOS);
    this.queries = bundle.dream().config().numDreamQueries();
    this.unconditional = new UnconditionalCache(bundle.manager(), negativePromptCacheEntries);
  }

  /** Positions a dream pass appends to the request's own cache. */
  int dreamPositions(ActiveRequest r) {
    return r.dreamLeading.length + queries + 1;
  }

  /** Whether the request's next dream pass must compute its negative prompt too. */
  boolean needsNegativeRow(ActiveRequest r) {
    return r.guided() && !unconditional.contains(r.imageParams.negativePrompt());
  }

  /** The tokens of the request's negative prompt pass: BOS + its tokens + the dream span. */
  int negativePromptTokens(String negativePrompt) {
    return bos.length + bundle.tokenizer().encode(negativePrompt).length;
  }

  // ---- the stages -------------------------------------------------------------------------

  List<Outcome> execute(Stage stage, List<ActiveRequest> batch, GroupKey key) {
    try (NDManager scratch = bundle.manager().newSubManager()) {
      return switch (stage) {
        case VISION -> vision(batch, scratch);
        case PREFILL -> prefill(batch, scratch);
        case DECODE -> decode(batch, scratch);
        case DREAM -> dreamPass(batch, scratch);
        case DIFFUSION -> diffusion(batch, scratch);
        case VAE_DECODE -> vaeDecode(batch, scratch);
      };
    }
  }

  private List<Outcome> vision(List<ActiveRequest> batch, NDManager scratch) {
    NDList pixels = new NDList();
    for (ActiveRequest r : batch) {
      for (ImagePixels p : r.imagesToEncode) {
        pixels.add(p.toNDArray(scratch).expandDims(0));
      }
    }
    NDArray hidden = bundle.vision().hiddenState(NDArrays.concat(pixels, 0), bundle.dream().config().visionSelectLayer());
    NDArray features = bundle.dream().projectImageFeatures(hidden);
    NDArray start = embed(scratch, imStart);
    NDArray end = embed(scratch, imEnd);
    List<Outcome> outcomes = new ArrayList<>();
    int row = 0;
    for (ActiveRequest r : batch) {
      for (int i = 0; i < r.imagesToEncode.size(); i++) {
        NDArray span = NDArrays.concat(new NDList(start, features.get(new NDIndex("{}:{}", row, row + 1)), end), 1);
        span.attach(r.manager);
        r.encodedSpans.add(span);
        row++;
      }
      r.imagesToEncode.clear();
      outcomes.add(new Next(r.id, StageWork.prefill(prefillPositions(r))));
    }
    return outcomes;
  }

  /** Positions of the request's pending prefill: its token ids and encoded image spans. */
  int prefillPositions(ActiveRequest r) {
    long spans = r.prefillParts.stream().filter(PromptLayout.Image.class::isInstance).count();
    long spanPositions = bundle.vision().config().numPatches() + 2L;
    return Math.toIntExact(PromptLayout.tokenCount(r.prefillParts) + spans * spanPositions);
  }


  private List<Outcome> prefill(List<ActiveRequest> batch, NDManager scratch) {
    List<LlamaKvCache> caches = new ArrayList<>();
    List<NDArray> inputs = new ArrayList<>();
    boolean anyLogits = false;
    for (ActiveRequest r : batch) {
      NDList parts = new NDList();
      int span = 0;
      for (PromptLayout.Part part : r.prefillParts) {
        parts.add(part instanceof PromptLayout.Tokens t ? embed(scratch, t.ids()) : r.encodedSpans.get(span++));
      }
      r.prefillParts.clear();
      caches.add(r.cache);
      NDArray input = NDArrays.concat(parts, 1);
      input.attach(scratch);
      inputs.add(input);
      r.encodedSpans.forEach(NDArray::close);
      r.encodedSpans.clear();
      anyLogits |= !(r.request instanceof GenerationRequest.TextToImage);
    }
    KvBatch.Result out = KvBatch.forward(bundle.llm(), caches, inputs, anyLogits, scratch);
    float[][] logits = anyLogits ? rows(out.lastLogits()) : null;
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      ActiveRequest r = batch.get(i);
      if (r.request instanceof GenerationRequest.TextToImage) {
        r.dreamLeading = new long[] {dreamStart};
        outcomes.add(new Next(r.id, StageWork.dream(dreamPositions(r), needsNegativeRow(r))));
      } else {
        outcomes.add(afterLogits(r, logits[i]));
      }
    }
    return outcomes;
  }

  private List<Outcome> decode(List<ActiveRequest> batch, NDManager scratch) {
    List<LlamaKvCache> caches = new ArrayList<>();
    List<NDArray> inputs = new ArrayList<>();
    for (ActiveRequest r : batch) {
      caches.add(r.cache);
      inputs.add(embed(scratch, r.pendingToken));
      r.history.add(r.pendingToken);
      r.pendingToken = -1;
    }
    KvBatch.Result out = KvBatch.forward(bundle.llm(), caches, inputs, true, scratch);
    float[][] logits = rows(out.lastLogits());
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      outcomes.add(afterLogits(batch.get(i), logits[i]));
    }
    return outcomes;
  }

  /** Samples the next token and decides what follows it. */
  private Outcome afterLogits(ActiveRequest r, float[] logits) {
    int token = r.sampler.next(logits, r.history.stream().mapToInt(Integer::intValue).toArray());
    r.generated++;
    metrics.tokensGenerated(1);
    notify(r, new Progress.Token(r.id, token, r.generated - 1));
    boolean isDream = token == dream || token == dreamStart;
    if (token == eos || (isDream && (r.imagesDone >= r.maxImages || r.request instanceof GenerationRequest.Caption))) {
      return complete(r);
    }
    if (isDream) {
      flushText(r);
      r.dreamLeading = token == dream ? new long[] {token, dreamStart} : new long[] {token};
      return new Next(r.id, StageWork.dream(dreamPositions(r), needsNegativeRow(r)));
    }
    r.text.add((long) token);
    if (r.generated >= r.maxNewTokens) {
      return complete(r);
    }
    r.pendingToken = token;
    return new Next(r.id, StageWork.decode());
  }

  private List<Outcome> dreamPass(List<ActiveRequest> batch, NDManager scratch) {
    List<LlamaKvCache> caches = new ArrayList<>();
    List<NDArray> inputs = new ArrayList<>();
    NDArray queryEmbeds = bundle.dream().dreamQueries();
    NDArray end = embed(scratch, dreamEnd);
    Map<String, Integer> negativeRows = new LinkedHashMap<>();
    for (ActiveRequest r : batch) {
      caches.add(r.cache);
      inputs.add(NDArrays.concat(new NDList(embed(scratch, r.dreamLeading), queryEmbeds, end), 1));
      for (long t : r.dreamLeading) {
        r.history.add((int) t);
      }
    }
    // A negative prompt not cached now gets its row here, even if its condition was cached when
    // the work was queued and has been evicted since (the call then has one row more than declared).
    for (ActiveRequest r : batch) {
      String negative = r.guided() ? r.imageParams.negativePrompt() : null;
      if (negative != null && !unconditional.contains(negative) && !negativeRows.containsKey(negative)) {
        negativeRows.put(negative, caches.size());
        caches.add(bundle.llm().newCache(scratch));
        long[] ids = concat(bos, bundle.tokenizer().encode(negative), new long[] {dreamStart});
        inputs.add(NDArrays.concat(new NDList(embed(scratch, ids), queryEmbeds, end), 1));
      }
    }
    KvBatch.Result out = KvBatch.forward(bundle.llm(), caches, inputs, false, scratch);
    long t = out.newPositions();
    NDArray atQueries = out.lastHidden().get(new NDIndex(":, {}:{}, :", t - 1 - queries, t - 1));
    NDArray conditions = bundle.dream().condition(atQueries);
    negativeRows.forEach((prompt, row) -> unconditional.put(prompt, conditions.get(new NDIndex("{}:{}", row, row + 1))));
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      ActiveRequest r = batch.get(i);
      r.condition = keep(r, conditions.get(new NDIndex("{}:{}", i, i + 1)));
      r.unconditional = r.guided() ? keep(r, unconditional.get(r.imageParams.negativePrompt(), scratch)) : null;
      startDenoising(r);
      outcomes.add(new Next(r.id, StageWork.diffusion(r.diffusionKey, r.guided())));
    }
    for (int i = batch.size(); i < caches.size(); i++) {
      caches.get(i).close();
    }
    return outcomes;
  }

  private void startDenoising(ActiveRequest r) {
    int factor = bundle.vae().config().downsamplingFactor();
    int size = r.imageParams.size() == 0 ? bundle.unet().config().sampleSize() * factor : r.imageParams.size();
    if (size % factor != 0) {
      throw new IllegalArgumentException("image size " + size + " is not a multiple of the VAE's factor " + factor);
    }
    int latent = size / factor;
    Scheduler scheduler = bundle.scheduler(r.imageParams.scheduler());
    SeededNoise noise = new SeededNoise(r.imageParams.seed());
    r.latents = noise.next(r.manager, new Shape(1, bundle.unet().config().inChannels(), latent, latent))
        .mul(scheduler.initNoiseSigma());
    r.latents.attach(r.manager);
    r.scheduler = scheduler.start(r.manager, r.imageParams.steps(), noise);
    // Only the resolution must be shared: one scheduler update steps rows of any family at any
    // step (SchedulerBatch), so DDPM, DDIM and DPM-Solver latents denoise in the same UNet call.
    r.diffusionKey = GroupKey.diffusion(size, size, "any");
  }

  private List<Outcome> diffusion(List<ActiveRequest> batch, NDManager scratch) {
    NDList samples = new NDList();
    NDList contexts = new NDList();
    List<Integer> timesteps = new ArrayList<>();
    for (ActiveRequest r : batch) {
      int t = r.scheduler.timestep();
      if (r.guided()) {
        samples.add(r.latents);
        contexts.add(r.unconditional);
        timesteps.add(t);
      }
      samples.add(r.latents);
      contexts.add(r.condition);
      timesteps.add(t);
    }
    NDArray ts = scratch.create(timesteps.stream().mapToInt(Integer::intValue).toArray());
    NDArray out = bundle.unet().forward(NDArrays.concat(samples, 0), ts, NDArrays.concat(contexts, 0));
    // Guidance over the whole batch in one call: each request's unconditional and conditional
    // rows are gathered once; an unguided request uses its one row for both, which the guidance
    // formula returns unchanged (u + s * (u - u) = u).
    long[] uncondRows = new long[batch.size()];
    long[] condRows = new long[batch.size()];
    List<ClassifierFreeGuidance> guidance = new ArrayList<>();
    List<SchedulerState> states = new ArrayList<>();
    NDList current = new NDList();
    int row = 0;
    for (int i = 0; i < batch.size(); i++) {
      ActiveRequest r = batch.get(i);
      if (r.guided()) {
        uncondRows[i] = row;
        condRows[i] = row + 1;
        guidance.add(new ClassifierFreeGuidance(r.imageParams.guidanceScale(), 0));
        row += 2;
      } else {
        uncondRows[i] = row;
        condRows[i] = row;
        guidance.add(new ClassifierFreeGuidance(1, 0));
        row += 1;
      }
      states.add(r.scheduler);
      current.add(r.latents);
    }
    NDArray eps = ClassifierFreeGuidance.applyRows(
        out.get(new NDIndex("{}", scratch.create(uncondRows))), out.get(new NDIndex("{}", scratch.create(condRows))),
        guidance);
    NDArray next = SchedulerBatch.step(states, eps, NDArrays.concat(current, 0));
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      ActiveRequest r = batch.get(i);
      NDArray previous = r.latents;
      r.latents = keep(r, next.get(new NDIndex().addSliceDim(i, i + 1)));
      previous.close();
      outcomes.add(r.scheduler.finished()
          ? new Next(r.id, StageWork.vaeDecode(GroupKey.resolution(imageSide(r), imageSide(r))))
          : new Next(r.id, StageWork.diffusion(r.diffusionKey, r.guided())));
    }
    return outcomes;
  }

  private int imageSide(ActiveRequest r) {
    return Math.toIntExact(r.latents.getShape().get(2)) * bundle.vae().config().downsamplingFactor();
  }

  private List<Outcome> vaeDecode(List<ActiveRequest> batch, NDManager scratch) {
    NDList latents = new NDList();
    for (ActiveRequest r : batch) {
      latents.add(r.latents);
    }
    NDArray decoded = bundle.vae().decode(NDArrays.concat(latents, 0).div(bundle.vae().scalingFactor()));
    List<RgbImage> images = DecodedImages.toRgb(decoded);
    List<Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      ActiveRequest r = batch.get(i);
      RgbImage image = images.get(i);
      r.releaseImage(); // the sequence's cache survives for what follows the image
      metrics.imageGenerated();
      notify(r, new Progress.ImageDone(r.id, r.imagesDone, image));
      if (r.request instanceof GenerationRequest.TextToImage) {
        outcomes.add(new Done(r.id, timings -> new GenerationResult.Image(image, timings)));
        continue;
      }
      r.segments.add(new Document.Image(r.imagesDone, image));
      r.imagesDone++;
      r.imageParams = r.imageParams.next();
      // Fed back through CLIP as an image span, then decoding continues.
      r.imagesToEncode.add(bundle.imageProcessor().process(image));
      r.prefillParts.add(new PromptLayout.Image(0));
      outcomes.add(new Next(r.id, StageWork.vision(1)));
    }
    return outcomes;
  }

  // ---- completion -------------------------------------------------------------------------

  private Outcome complete(ActiveRequest r) {
    int generated = r.generated;
    Function<RequestTimings, GenerationResult> result = switch (r.request) {
      case GenerationRequest.Caption c -> {
        String caption = bundle.tokenizer().decode(r.text.stream().mapToLong(Long::longValue).toArray(), true).strip();
        yield timings -> new GenerationResult.Caption(caption, generated, timings);
      }
      case GenerationRequest.Interleaved i -> {
        flushText(r);
        Document document = new Document(r.segments);
        yield timings -> new GenerationResult.Interleaved(document, generated, timings);
      }
      case GenerationRequest.TextToImage t -> throw new IllegalStateException("text-to-image ends at VAE_DECODE");
    };
    return new Done(r.id, result);
  }

  private void flushText(ActiveRequest r) {
    if (!r.text.isEmpty()) {
      r.segments.add(new Document.Text(
          bundle.tokenizer().decode(r.text.stream().mapToLong(Long::longValue).toArray(), true)));
      r.text.clear();
    }
  }

  private void notify(ActiveRequest r, Progress p) {
    try {
      r.listener.onProgress(p);
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(ModelRunner.class)
          .warn("progress listener of request {} threw; ignored", r.id, e);
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  private NDArray embed(NDManager m, long... ids) {
    return bundle.llm().embed(m.create(new long[][] {ids}));
  }

  /** [B, V] logits as one Java array per row, read from native memory in one copy. */
  private static float[][] rows(NDArray logits) {
    int b = Math.toIntExact(logits.getShape().get(0));
    int v = Math.toIntExact(logits.getShape().get(1));
    float[] all = logits.toFloatArray();
    float[][] rows = new float[b][];
    for (int i = 0; i < b; i++) {
      rows[i] = Arrays.copyOfRange(all, i * v, (i + 1) * v);
    }
    return rows;
  }

  private static NDArray keep(ActiveRequest r, NDArray a) {
    NDArray copy = a.duplicate();
    copy.attach(r.manager);
    return copy;
  }

  private static long[] concat(long[]... parts) {
    int n = 0;
    for (long[] p : parts) {
      n += p.length;
    }
    long[] out = new long[n];
    int i = 0;
    for (long[] p : parts) {
      System.arraycopy(p, 0, out, i, p.length);
      i += p.length;
    }
    return out;
  }

  LlamaForCausalLM llm() {
    return bundle.llm();
  }

  void close() {
    unconditional.close();
  }
}
