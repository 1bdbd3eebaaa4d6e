package io.dreamworker.model.engine;

import io.dreamworker.model.bundle.ModelBundle;
import io.dreamworker.model.engine.scheduling.Admission;
import io.dreamworker.model.engine.scheduling.Decision;
import io.dreamworker.model.engine.scheduling.RequestShape;
import io.dreamworker.model.engine.scheduling.Scheduler;
import io.dreamworker.model.engine.scheduling.SchedulerSnapshot;
import io.dreamworker.model.engine.scheduling.SequenceGeometry;
import io.dreamworker.model.engine.scheduling.StageWork;
import io.dreamworker.model.engine.scheduling.WorkItem;
import io.dreamworker.model.generation.ImageParams;
import io.dreamworker.model.generation.SamplingParams;
import io.dreamworker.model.generation.TokenSampler;
import io.dreamworker.model.pipeline.PromptLayout;
import io.dreamworker.model.text.SpecialTokens;
import io.dreamworker.model.vision.preprocess.ImageRejectedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batching engine: many requests share one model bundle on one device, scheduled at the
 * granularity of single model calls (Orca's iteration-level scheduling, extended to DreamLLM's
 * stages: CLIP, LLM prefill and decode, the dream-query pass, denoising steps and VAE decoding).
 *
 * <p>{@link #submit} validates and prepares a request on the caller's thread (image checks and
 * preprocessing, tokenization, the size check) and refuses it at once if it is invalid or could
 * never fit the limits; otherwise it returns a handle whose future completes when the request
 * does. One engine thread loops: the {@link Scheduler} decides (plain data, no model), the
 * {@link ModelRunner} executes one batched call, and each request's next work goes back to the
 * scheduler. A request's result depends only on its inputs and seeds, never on what it was batched
 * with.
 *
 * <p>Thread-safe: {@link #submit}, cancellation and {@link #snapshot} from any thread.
 */
public final class DreamEngine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DreamEngine.class);

  private final ModelBundle bundle;
  private final EngineConfig config;
  private final EngineMetrics metrics;
  private final SequenceGeometry geometry;
  private final Scheduler scheduler;
  private final ModelRunner runner;
  private final Thread thread;
  private final AtomicLong ids = new AtomicLong();
  /** Submissions and wake-ups for the engine thread. */
  private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private volatile boolean closing;
  private volatile SchedulerSnapshot lastSnapshot;

  // Engine thread only.
  private final Map<Long, ActiveRequest> requests = new HashMap<>();

  private record Submission(ActiveRequest request, RequestShape shape, StageWork firstWork) {}

  private enum Wake {
    INSTANCE
  }

  private DreamEngine(ModelBundle bundle, EngineConfig config, EngineMetrics metrics) {
    this.bundle = bundle;
    this.config = config;
    this.metrics = metrics;
    this.geometry = SequenceGeometry.of(
        bundle.vision().config().numPatches(), bundle.dream().config().numDreamQueries());
    this.scheduler = new Scheduler(config.scheduling(), geometry);
    this.runner = new ModelRunner(bundle, metrics, config.negativePromptCacheEntries());
    this.thread = new Thread(this::loop, "dreamworker-engine");
    this.thread.setDaemon(true);
  }

  /** Starts an engine over a loaded bundle; the bundle outlives the engine. */
  public static DreamEngine start(ModelBundle bundle, EngineConfig config, EngineMetrics metrics) {
    DreamEngine engine = new DreamEngine(bundle, config, metrics);
    engine.thread.start();
    return engine;
  }

  /** Submits without progress events. */
  public RequestHandle submit(GenerationRequest request) {
    return submit(request, ProgressListener.NONE);
  }

  /**
   * Submits a request.
   *
   * @throws RequestRejectedException if the request is invalid, could never fit the limits, or
   *     the engine is closed; nothing was queued
   */
  public RequestHandle submit(GenerationRequest request, ProgressListener listener) {
    if (closing) {
      throw new RequestRejectedException(RequestRejectedException.Reason.ENGINE_CLOSED, "the engine is closed");
    }
    long id = ids.incrementAndGet();
    Submission submission;
    try {
      submission = prepare(id, request, listener);
    } catch (IllegalArgumentException e) {
      throw new RequestRejectedException(RequestRejectedException.Reason.INVALID_INPUT, e.getMessage(), e);
    }
    Optional<String> refusal = scheduler.refusal(id, submission.shape());
    if (refusal.isPresent()) {
      throw new RequestRejectedException(RequestRejectedException.Reason.TOO_LARGE, refusal.get());
    }
    long positions = submission.shape().ownCacheTokens(geometry);
    int context = bundle.llm().config().maxPositionEmbeddings();
    if (positions > context) {
      // DreamLLM's Vicuna was trained on 2048 positions; beyond them its output degrades silently.
      throw new RequestRejectedException(RequestRejectedException.Reason.TOO_LARGE, "request " + id
          + " may need " + positions + " positions (prompt, new tokens, image and dream spans) but the model's"
          + " context is max_position_embeddings = " + context + "; lower max_new_tokens or max_images");
    }
    CompletableFuture<GenerationResult> future = submission.request().future;
    future.whenComplete((result, error) -> {
      if (error instanceof CancellationException) {
        scheduler.cancel(id);
        inbox.add(Wake.INSTANCE);
      }
    });
    inbox.add(submission);
    return new RequestHandle(id, future);
  }

  private Submission prepare(long id, GenerationRequest request, ProgressListener listener) {
    long now = System.nanoTime();
    CompletableFuture<GenerationResult> future = new CompletableFuture<>();
    long bos = bundle.tokenizer().specialTokens().require(SpecialTokens.BOS);
    return switch (request) {
      case GenerationRequest.Caption c -> {
        ActiveRequest r = new ActiveRequest(id, request, future, listener, now,
            new TokenSampler(c.text().sampling()), c.text().maxNewTokens(), null, 0);
        int tokens = addPrompt(r, bos, config.chatTemplate().prompt("<image>" + c.instruction()), List.of(c.image()));
        yield new Submission(r, RequestShape.caption(tokens, 1, c.text().maxNewTokens()), StageWork.vision(1));
      }
      case GenerationRequest.TextToImage t -> {
        ActiveRequest r = new ActiveRequest(id, request, future, listener, now,
            new TokenSampler(SamplingParams.GREEDY), 1, t.image(), 1);
        int tokens = addPrompt(r, bos, t.prompt(), List.of());
        yield new Submission(r, RequestShape.textToImage(tokens, t.image().guided(), negativeTokens(t.image())),
            StageWork.prefill(tokens));
      }
      case GenerationRequest.Interleaved i -> {
        ActiveRequest r = new ActiveRequest(id, request, future, listener, now,
            new TokenSampler(i.text().sampling()), i.text().maxNewTokens(), i.image(), i.maxImages());
        int tokens = addPrompt(r, bos, config.chatTemplate().prompt(i.prompt()), i.images());
        StageWork first = i.images().isEmpty() ? StageWork.prefill(runner.prefillPositions(r)) : StageWork.vision(i.images().size());
        yield new Submission(r, RequestShape.interleaved(tokens, i.images().size(), i.text().maxNewTokens(),
            i.maxImages(), i.maxImages() > 0 && i.image().guided(),
            i.maxImages() > 0 ? negativeTokens(i.image()) : 0), first);
      }
    };
  }

  private int negativeTokens(ImageParams image) {
    return image.guided() ? runner.negativePromptTokens(image.negativePrompt()) + 1 : 0;
  }

  /** Lays the prompt out around its {@code <image>} slots; checks and preprocesses the images. */
  private int addPrompt(ActiveRequest r, long bos, String prompt, List<byte[]> images) {
    r.prefillParts.addAll(PromptLayout.of(bundle.tokenizer(), bos, prompt, images.size()));
    for (int i = 0; i < images.size(); i++) {
      try {
        r.imagesToEncode.add(bundle.imageProcessor().process(images.get(i)));
      } catch (ImageRejectedException e) {
        throw new RequestRejectedException(RequestRejectedException.Reason.INVALID_IMAGE,
            "image " + i + ": " + e.getMessage(), e);
      }
    }
    return PromptLayout.tokenCount(r.prefillParts);
  }

  /** The scheduler's state after the last step (queues, running sequences, KV reservation). */
  public SchedulerSnapshot snapshot() {
    return lastSnapshot;
  }

  // ---- the engine thread ----------------------------------------------------------------

  private void loop() {
    try {
      while (true) {
        admitSubmissions();
        if (closing) {
          break;
        }
        long now = System.nanoTime();
        Decision decision = scheduler.schedule(now);
        for (long id : decision.cancelled()) {
          end(id, "cancelled");
        }
        switch (decision) {
          case Decision.Run run -> execute(run);
          case Decision.Idle idle -> awaitWork(idle.wakeAtNanos() - System.nanoTime());
          case Decision.Empty empty -> awaitWork(TimeUnit.SECONDS.toNanos(1));
        }
        lastSnapshot = scheduler.snapshot(System.nanoTime());
        metrics.snapshot(lastSnapshot);
      }
    } catch (Throwable t) {
      LOG.error("the engine thread failed; failing every request", t);
      closing = true;
    } finally {
      for (ActiveRequest r : List.copyOf(requests.values())) {
        r.future.completeExceptionally(new EngineFailureException("the engine stopped", null));
        end(r.id, "failed");
      }
      Object o;
      while ((o = inbox.poll()) != null) {
        if (o instanceof Submission s) {
          s.request().future.completeExceptionally(new EngineFailureException("the engine stopped", null));
        }
      }
      runner.close();
    }
  }

  private void admitSubmissions() {
    Object o;
    while ((o = inbox.poll()) != null) {
      if (!(o instanceof Submission s)) {
        continue;
      }
      ActiveRequest r = s.request();
      if (r.future.isDone()) {
        continue; // cancelled before admission
      }
      Admission admission = scheduler.admit(r.id, s.shape(), s.firstWork(), System.nanoTime());
      if (admission instanceof Admission.Rejected rejected) {
        r.future.completeExceptionally(new RequestRejectedException(RequestRejectedException.Reason.TOO_LARGE, rejected.reason()));
        continue;
      }
      r.manager = bundle.manager().newSubManager();
      r.cache = runner.llm().newCache(r.manager);
      requests.put(r.id, r);
    }
  }

  private void awaitWork(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      Object o = inbox.poll(nanos, TimeUnit.NANOSECONDS);
      if (o instanceof Submission) {
        inbox.add(o); // admitted at the top of the loop, in order with the others
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closing = true;
    }
  }

  private void execute(Decision.Run run) {
    List<ActiveRequest> batch = new ArrayList<>(run.batch().size());
    for (WorkItem item : run.batch()) {
      batch.add(requests.get(item.requestId()));
    }
    long start = System.nanoTime();
    List<ModelRunner.Outcome> outcomes;
    try {
      outcomes = runner.execute(run.stage(), batch, run.groupKey());
    } catch (RuntimeException e) {
      LOG.error("{} call over requests {} failed", run.stage(), batch.stream().map(r -> r.id).toList(), e);
      long now = System.nanoTime();
      for (ActiveRequest r : batch) {
        r.future.completeExceptionally(new EngineFailureException(run.stage() + " failed: " + e.getMessage(), e));
        scheduler.finished(r.id);
        end(r.id, "failed");
      }
      scheduler.recordExecution(run.stage(), now - start);
      return;
    }
    long end = System.nanoTime();
    long duration = end - start;
    scheduler.recordExecution(run.stage(), duration);
    metrics.batchExecuted(run.stage(), run.rows(), duration);
    for (WorkItem item : run.batch()) {
      long wait = run.dequeuedAtNanos() - item.enqueuedAtNanos();
      metrics.queueWait(run.stage(), wait);
      requests.get(item.requestId()).account(run.stage(), wait, duration, run.dequeuedAtNanos());
    }
    for (ModelRunner.Outcome outcome : outcomes) {
      switch (outcome) {
        case ModelRunner.Next next -> scheduler.completed(next.requestId(), next.work(), end);
        case ModelRunner.Done done -> {
          ActiveRequest r = requests.get(done.requestId());
          r.future.complete(done.result().apply(r.timings(end)));
          scheduler.finished(done.requestId());
          end(done.requestId(), "succeeded");
        }
      }
    }
  }

  private void end(long id, String outcome) {
    ActiveRequest r = requests.remove(id);
    if (r != null) {
      r.release();
      metrics.requestEnded(r.kind(), outcome, System.nanoTime() - r.submittedNanos);
    }
  }

  /**
   * Stops the engine: refuses new requests, fails those not finished with
   * {@link EngineFailureException}, frees what they held, and waits for the engine thread.
   */
  @Override
  public void close() {
    closing = true;
    inbox.add(Wake.INSTANCE);
    try {
      thread.join(config.shutdownTimeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("the engine thread did not stop within {}", config.shutdownTimeout());
    }
  }
}
