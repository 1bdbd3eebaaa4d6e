package io.dreamworker.model.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.bundle.ModelBundle;
import io.dreamworker.model.bundle.RandomBundles;
import io.dreamworker.model.engine.scheduling.SchedulerConfig;
import io.dreamworker.model.engine.scheduling.Stage;
import io.dreamworker.model.generation.Document;
import io.dreamworker.model.generation.ImageParams;
import io.dreamworker.model.generation.SamplingParams;
import io.dreamworker.model.generation.SchedulerFamily;
import io.dreamworker.model.image.RgbImage;
import io.dreamworker.model.pipeline.DreamPipeline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DreamEngineTest {
  @TempDir static Path dir;
  static ModelBundle bundle;
  static DreamPipeline reference;

  @BeforeAll
  static void load() throws IOException {
    RandomBundles.write(dir, BundlePreset.TINY, 21);
    bundle = ModelBundle.load(dir);
    reference = new DreamPipeline(bundle);
  }

  @AfterAll
  static void close() {
    bundle.close();
  }

  /** Records batch sizes per stage. */
  static final class Recording implements EngineMetrics {
    final Map<Stage, List<Integer>> rows = new ConcurrentHashMap<>();
    final AtomicInteger images = new AtomicInteger();

    @Override
    public void batchExecuted(Stage stage, int r, long durationNanos) {
      rows.computeIfAbsent(stage, s -> new CopyOnWriteArrayList<>()).add(r);
    }

    @Override
    public void imageGenerated() {
      images.incrementAndGet();
    }

    int maxRows(Stage stage) {
      return rows.getOrDefault(stage, List.of()).stream().mapToInt(Integer::intValue).max().orElse(0);
    }
  }

  @Test
  void requestsInABusyMixedBatch_giveWhatEachGivesAlone() throws Exception {
    byte[] red = png(0xdc2828);
    byte[] green = png(0x28aa3c);
    ImageParams ddpm = new ImageParams(6, 3.5, "", 101);
    ImageParams dpm = new ImageParams(5, 7.5, "blurry", 102, SchedulerFamily.DPM_SOLVER, 0);
    ImageParams unguided = new ImageParams(4, 1, "", 103, SchedulerFamily.DDIM, 0);
    SamplingParams sampled = new SamplingParams(0.8, 20, 0.9, 1.1, 7);
    List<GenerationRequest> requests = List.of(
        new GenerationRequest.Caption(red, "describe the image", TextParams.greedy(10)),
        new GenerationRequest.TextToImage("a red circle", ddpm),
        new GenerationRequest.Caption(green, "what is this", new TextParams(14, sampled)),
        new GenerationRequest.TextToImage("a blue square", dpm),
        new GenerationRequest.Interleaved("a story about <image>", List.of(red), 2, new TextParams(12, sampled), ddpm),
        new GenerationRequest.TextToImage("a green triangle", unguided),
        new GenerationRequest.Caption(red, "describe the image", TextParams.greedy(6)));

    Recording metrics = new Recording();
    List<GenerationResult> batched = new ArrayList<>();
    try (DreamEngine engine = DreamEngine.start(bundle, EngineConfig.defaults(), metrics)) {
      List<RequestHandle> handles = new ArrayList<>();
      for (GenerationRequest r : requests) {
        handles.add(engine.submit(r));
      }
      for (RequestHandle h : handles) {
        batched.add(h.result().get(120, TimeUnit.SECONDS));
      }
    }
    // Batching really happened: several rows per call in the LLM and the UNet.
    assertThat(metrics.maxRows(Stage.DECODE)).isGreaterThan(1);
    assertThat(metrics.maxRows(Stage.DIFFUSION)).isGreaterThan(2);

    for (int i = 0; i < requests.size(); i++) {
      GenerationRequest request = requests.get(i);
      GenerationResult result = batched.get(i);
      switch (request) {
        case GenerationRequest.Caption c -> assertThat(((GenerationResult.Caption) result).text())
            .as("caption %d", i)
            .isEqualTo(reference.caption(c.image(), c.instruction(), c.text().maxNewTokens(), c.text().sampling()));
        case GenerationRequest.TextToImage t -> assertClose(((GenerationResult.Image) result).image(),
            reference.textToImage(t.prompt(), t.image()), "image " + i);
        case GenerationRequest.Interleaved il -> {
          Document alone = reference.interleaved(il.prompt(), il.images(), il.maxImages(),
              il.text().maxNewTokens(), il.text().sampling(), il.image());
          Document doc = ((GenerationResult.Interleaved) result).document();
          assertThat(doc.text()).isEqualTo(alone.text());
          assertThat(doc.images()).hasSameSizeAs(alone.images());
          for (int k = 0; k < doc.images().size(); k++) {
            assertClose(doc.images().get(k), alone.images().get(k), "document image " + k);
          }
        }
      }
      assertThat(result.timings().total()).isPositive();
    }
  }

  @Test
  void sequentialScheduling_runsOneRequestAtATime_eachCallHoldingItsRowsOnly() throws Exception {
    byte[] red = png(0xdc2828);
    ImageParams guided = new ImageParams(4, 3.5, "", 7);
    List<GenerationRequest> requests = List.of(
        new GenerationRequest.Caption(red, "describe the image", TextParams.greedy(6)),
        new GenerationRequest.TextToImage("a red circle", guided),
        new GenerationRequest.Caption(red, "what is this", TextParams.greedy(6)),
        new GenerationRequest.TextToImage("a blue square", guided));
    Recording metrics = new Recording();
    List<RequestHandle> handles = new ArrayList<>();
    List<Integer> finished = new CopyOnWriteArrayList<>();
    try (DreamEngine engine = DreamEngine.start(bundle,
        EngineConfig.defaults().withScheduling(io.dreamworker.model.engine.scheduling.SchedulerConfig.sequential()),
        metrics)) {
      for (int i = 0; i < requests.size(); i++) {
        int index = i;
        RequestHandle handle = engine.submit(requests.get(i));
        handle.result().whenComplete((r, e) -> finished.add(index));
        handles.add(handle);
      }
      for (RequestHandle h : handles) {
        h.result().get(120, TimeUnit.SECONDS);
      }
    }
    for (Stage stage : Stage.values()) {
      // One request's rows only: a guided pair in the UNet and the dream pass, one row elsewhere.
      int oneRequest = stage == Stage.DIFFUSION || stage == Stage.DREAM ? 2 : 1;
      assertThat(metrics.maxRows(stage)).as("rows per %s call", stage).isLessThanOrEqualTo(oneRequest);
    }
    // One request at a time, first come first served: a short caption behind a drawing waits for it.
    assertThat(finished).containsExactly(0, 1, 2, 3);
  }

  @Test
  void finishedRequest_timingsIncludeTheBatchThatFinishedIt() throws Exception {
    try (DreamEngine engine = DreamEngine.start(bundle, EngineConfig.defaults(), EngineMetrics.NONE)) {
      GenerationResult image = engine.submit(new GenerationRequest.TextToImage("a red circle",
          new ImageParams(2, 1, "", 1))).result().get(60, TimeUnit.SECONDS);
      // One token: the caption ends in the prefill that sampled it.
      GenerationResult caption = engine.submit(new GenerationRequest.Caption(png(0xdc2828), "describe the image",
          TextParams.greedy(1))).result().get(60, TimeUnit.SECONDS);

      assertThat(image.timings().running()).containsKeys(Stage.PREFILL, Stage.DREAM, Stage.DIFFUSION, Stage.VAE_DECODE);
      assertThat(image.timings().waiting()).containsKey(Stage.VAE_DECODE);
      assertThat(caption.timings().running()).containsKeys(Stage.VISION, Stage.PREFILL);
    }
  }

  @Test
  void cancelledRequest_endsAtTheNextStep_andTheEngineGoesOn() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    int baseline = bundle.manager().getManagedArrays().size();
    try (DreamEngine engine = DreamEngine.start(bundle, EngineConfig.defaults(), EngineMetrics.NONE)) {
      RequestHandle slow = engine.submit(new GenerationRequest.Interleaved("tell me a long story", List.of(), 0,
          new TextParams(400, new SamplingParams(1.0, 0, 1, 1, 3)), ImageParams.defaults(1)),
          p -> started.countDown());
      assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(slow.cancel()).isTrue();
      assertThatThrownBy(() -> slow.result().get()).isInstanceOf(CancellationException.class);
      GenerationResult after = engine.submit(new GenerationRequest.TextToImage("x", new ImageParams(2, 1, "", 1)))
          .result().get(30, TimeUnit.SECONDS);
      assertThat(after).isInstanceOf(GenerationResult.Image.class);
      // The cancelled request's KV reservation and sequence slot were returned.
      awaitIdle(engine);
      assertThat(engine.snapshot().reservedKvTokens()).isZero();
      assertThat(engine.snapshot().runningSequences()).isZero();
    }
    // Closing the engine frees its negative-prompt cache; requests freed theirs as they ended.
    assertThat(bundle.manager().getManagedArrays().size()).isEqualTo(baseline);
  }

  @Test
  void manyRequests_leaveNoArrayBehind() throws Exception {
    int baseline = bundle.manager().getManagedArrays().size();
    try (DreamEngine engine = DreamEngine.start(bundle, EngineConfig.defaults(), EngineMetrics.NONE)) {
      List<RequestHandle> handles = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        handles.add(engine.submit(i % 2 == 0
            ? new GenerationRequest.TextToImage("p" + i, new ImageParams(3, 3.5, "neg" + (i % 3), i))
            : new GenerationRequest.Caption(png(0x101010 * i), "describe", TextParams.greedy(5))));
      }
      for (RequestHandle h : handles) {
        h.result().get(60, TimeUnit.SECONDS);
      }
    }
    assertThat(bundle.manager().getManagedArrays().size()).isEqualTo(baseline);
  }

  @Test
  void stageLimits_areNeverExceeded() throws Exception {
    SchedulerConfig limits = SchedulerConfig.defaults()
        .withStage(Stage.DECODE, new SchedulerConfig.StageLimits(2, 2, java.time.Duration.ZERO, 1))
        .withStage(Stage.DIFFUSION, new SchedulerConfig.StageLimits(4, 4, java.time.Duration.ZERO, 1))
        .withMaxDiffusionRowsInFlight(4)
        .withMaxRunningSequences(4);
    Recording metrics = new Recording();
    try (DreamEngine engine = DreamEngine.start(bundle, EngineConfig.defaults().withScheduling(limits), metrics)) {
      List<RequestHandle> handles = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        handles.add(engine.submit(i % 2 == 0
            ? new GenerationRequest.TextToImage("p" + i, new ImageParams(3, 3.5, "", i))
            : new GenerationRequest.Caption(png(0x303030 * i), "describe", TextParams.greedy(6))));
      }
      for (RequestHandle h : handles) {
        h.result().get(60, TimeUnit.SECONDS);
      }
    }
    assertThat(metrics.maxRows(Stage.DECODE)).isEqualTo(2);
    assertThat(metrics.maxRows(Stage.DIFFUSION)).isEqualTo(4);
  }

  @Test
  void fixedNegativePrompt_isRunThroughTheLlmOnce() throws Exception {
    Recording metrics = new Recording();
    try (DreamEngine engine = DreamEngine.start(bundle, EngineConfig.defaults(), metrics)) {
      for (int i = 0; i < 3; i++) {
        engine.submit(new GenerationRequest.TextToImage("p" + i, new ImageParams(2, 3.5, "low quality", i)))
            .result().get(30, TimeUnit.SECONDS);
      }
    }
    // One dream pass per request; only the first carries the negative prompt as a second row.
    assertThat(metrics.rows.get(Stage.DREAM)).containsExactly(2, 1, 1);
  }

  @Test
  void requestTooLargeForTheLimits_isRefusedAtSubmitWithTheFix() {
    EngineConfig small = EngineConfig.defaults().withScheduling(SchedulerConfig.defaults().withKvCacheBudgetTokens(300));
    try (DreamEngine engine = DreamEngine.start(bundle, small, EngineMetrics.NONE)) {
      assertThatThrownBy(() -> engine.submit(new GenerationRequest.Interleaved("a story", List.of(), 3,
          TextParams.greedy(500), ImageParams.defaults(1))))
          .isInstanceOf(RequestRejectedException.class)
          .hasMessageContaining("kvCacheBudgetTokens is 300")
          .satisfies(e -> assertThat(((RequestRejectedException) e).reason())
              .isEqualTo(RequestRejectedException.Reason.TOO_LARGE));
    }
  }

  @Test
  void requestLongerThanTheModelsContext_isRefusedAtSubmit() {
    int context = bundle.llm().config().maxPositionEmbeddings();
    EngineConfig roomy = EngineConfig.defaults().withScheduling(SchedulerConfig.defaults().withKvCacheBudgetTokens(1L << 20));
    try (DreamEngine engine = DreamEngine.start(bundle, roomy, EngineMetrics.NONE)) {
      assertThatThrownBy(() -> engine.submit(new GenerationRequest.Interleaved("a story", List.of(), 0,
          TextParams.greedy(context + 1), ImageParams.defaults(1))))
          .isInstanceOf(RequestRejectedException.class)
          .hasMessageContaining("max_position_embeddings = " + context);
    }
  }

  @Test
  void invalidImage_isRefusedAtSubmit() {
    try (DreamEngine engine = DreamEngine.start(bundle, EngineConfig.defaults(), EngineMetrics.NONE)) {
      assertThatThrownBy(() -> engine.submit(new GenerationRequest.Caption(new byte[] {1, 2, 3}, "x", TextParams.greedy(3))))
          .isInstanceOf(RequestRejectedException.class)
          .satisfies(e -> assertThat(((RequestRejectedException) e).reason())
              .isEqualTo(RequestRejectedException.Reason.INVALID_IMAGE));
    }
  }

  @Test
  void captionsAreNotStarvedByImages() throws Exception {
    try (DreamEngine engine = DreamEngine.start(bundle, EngineConfig.defaults(), EngineMetrics.NONE)) {
      List<RequestHandle> images = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        images.add(engine.submit(new GenerationRequest.TextToImage("slow " + i, new ImageParams(60, 3.5, "", i))));
      }
      RequestHandle caption = engine.submit(new GenerationRequest.Caption(png(0xffffff), "describe", TextParams.greedy(5)));
      caption.result().get(60, TimeUnit.SECONDS);
      // The caption finished while the long image requests were still denoising.
      assertThat(images.stream().filter(h -> h.result().isDone()).count()).isLessThan(images.size());
      for (RequestHandle h : images) {
        h.result().get(120, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void progress_reportsTokensAndImages() throws Exception {
    List<Progress> events = new CopyOnWriteArrayList<>();
    try (DreamEngine engine = DreamEngine.start(bundle, EngineConfig.defaults(), EngineMetrics.NONE)) {
      engine.submit(new GenerationRequest.TextToImage("x", new ImageParams(2, 1, "", 1)), events::add)
          .result().get(30, TimeUnit.SECONDS);
      engine.submit(new GenerationRequest.Caption(png(0), "d", TextParams.greedy(4)), events::add)
          .result().get(30, TimeUnit.SECONDS);
    }
    assertThat(events).anyMatch(e -> e instanceof Progress.ImageDone);
    assertThat(events).anyMatch(e -> e instanceof Progress.Token);
  }

  private static void awaitIdle(DreamEngine engine) throws InterruptedException {
    for (int i = 0; i < 200 && (engine.snapshot() == null || engine.snapshot().runningSequences() > 0); i++) {
      Thread.sleep(10);
    }
  }

  private static void assertClose(RgbImage actual, RgbImage expected, String what) {
    assertThat(actual.width()).isEqualTo(expected.width());
    int worst = 0;
    for (int i = 0; i < actual.rgb().length; i++) {
      worst = Math.max(worst, Math.abs((actual.rgb()[i] & 0xff) - (expected.rgb()[i] & 0xff)));
    }
    assertThat(worst).as("%s: largest difference of an 8-bit sample", what).isLessThanOrEqualTo(2);
  }

  static byte[] png(int rgb) {
    var image = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        image.setRGB(x, y, (x + y) % 7 < 3 ? rgb : 0xffffff);
      }
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
