package io.dreamworker.model.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dreamworker.model.diffusion.scheduler.SchedulerState;
import io.dreamworker.model.engine.scheduling.GroupKey;
import io.dreamworker.model.engine.scheduling.Stage;
import io.dreamworker.model.generation.Document;
import io.dreamworker.model.generation.ImageParams;
import io.dreamworker.model.generation.TokenSampler;
import io.dreamworker.model.llm.LlamaKvCache;
import io.dreamworker.model.pipeline.PromptLayout;
import io.dreamworker.model.vision.preprocess.ImagePixels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One request while the engine runs it: its sequence (KV cache, tokens, sampler), the image it
 * is drawing, the document so far, and its timings. Everything it holds on the device lives in
 * its own manager, closed when it ends, however it ends.
 *
 * <p>Engine thread only, except {@link #future}, which callers may cancel.
 */
final class ActiveRequest {
  /** What the request is; fixed at submit. */
  final long id;
  final GenerationRequest request;
  final CompletableFuture<GenerationResult> future;
  final ProgressListener listener;
  final long submittedNanos;

  // Device state, in `manager`.
  NDManager manager;
  LlamaKvCache cache;

  // The sequence.
  final TokenSampler sampler;
  final int maxNewTokens;
  final List<Integer> history = new ArrayList<>();
  int generated;
  /** The token sampled last and not yet fed to the model. */
  int pendingToken = -1;

  // What the next PREFILL feeds: token ids and image slots in order; images are encoded at VISION.
  final List<PromptLayout.Part> prefillParts = new ArrayList<>();
  final List<ImagePixels> imagesToEncode = new ArrayList<>();
  final List<NDArray> encodedSpans = new ArrayList<>();

  // The image being drawn.
  ImageParams imageParams;
  final int maxImages;
  int imagesDone;
  long[] dreamLeading;
  NDArray condition;
  NDArray unconditional;
  NDArray latents;
  SchedulerState scheduler;
  GroupKey diffusionKey;

  // The document so far (interleaved requests).
  final List<Document.Segment> segments = new ArrayList<>();
  final List<Long> text = new ArrayList<>();

  // Timings.
  long firstRunNanos = -1;
  final Map<Stage, Long> waitNanos = new EnumMap<>(Stage.class);
  final Map<Stage, Long> runNanos = new EnumMap<>(Stage.class);

  ActiveRequest(long id, GenerationRequest request, CompletableFuture<GenerationResult> future,
      ProgressListener listener, long submittedNanos, TokenSampler sampler, int maxNewTokens,
      ImageParams imageParams, int maxImages) {
    this.id = id;
    this.request = request;
    this.future = future;
    this.listener = listener;
    this.submittedNanos = submittedNanos;
    this.sampler = sampler;
    this.maxNewTokens = maxNewTokens;
    this.imageParams = imageParams;
    this.maxImages = maxImages;
  }

  String kind() {
    return switch (request) {
      case GenerationRequest.Caption c -> "caption";
      case GenerationRequest.TextToImage t -> "text_to_image";
      case GenerationRequest.Interleaved i -> "interleaved";
    };
  }

  boolean guided() {
    return imageParams != null && imageParams.guided();
  }

  void account(Stage stage, long waited, long ran, long dequeuedAt) {
    waitNanos.merge(stage, waited, Long::sum);
    runNanos.merge(stage, ran, Long::sum);
    if (firstRunNanos < 0) {
      firstRunNanos = dequeuedAt;
    }
  }

  RequestTimings timings(long nowNanos) {
    Map<Stage, Duration> waiting = new EnumMap<>(Stage.class);
    Map<Stage, Duration> running = new EnumMap<>(Stage.class);
    waitNanos.forEach((s, n) -> waiting.put(s, Duration.ofNanos(n)));
    runNanos.forEach((s, n) -> running.put(s, Duration.ofNanos(n)));
    long queued = (firstRunNanos < 0 ? nowNanos : firstRunNanos) - submittedNanos;
    return new RequestTimings(Duration.ofNanos(queued), waiting, running, Duration.ofNanos(nowNanos - submittedNanos));
  }

  /** Frees what drawing an image held (latents, conditions, sampler state); the cache stays. */
  void releaseImage() {
    if (scheduler != null) {
      scheduler.close();
      scheduler = null;
    }
    for (NDArray a : new NDArray[] {latents, condition, unconditional}) {
      if (a != null) {
        a.close();
      }
    }
    latents = null;
    condition = null;
    unconditional = null;
  }

  /** Frees everything the request holds on the device. Idempotent. */
  void release() {
    if (scheduler != null) {
      scheduler.close();
      scheduler = null;
    }
    if (manager != null) {
      manager.close();
      manager = null;
    }
  }
}
