package io.dreamworker.worker.cli;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.bundle.BundleInventory;
import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.bundle.ModelBundle;
import io.dreamworker.model.bundle.RandomBundles;
import io.dreamworker.model.conformance.ConformanceSuite;
import io.dreamworker.model.conformance.Fixtures;
import io.dreamworker.model.conformance.ParityReport;
import io.dreamworker.model.diffusion.scheduler.SchedulerState;
import io.dreamworker.model.diffusion.scheduler.SeededNoise;
import io.dreamworker.model.generation.ImageParams;
import io.dreamworker.model.generation.SamplingParams;
import io.dreamworker.model.image.RgbImage;
import io.dreamworker.model.llm.LlamaInput;
import io.dreamworker.model.llm.LlamaKvCache;
import io.dreamworker.model.llm.LogitsMode;
import io.dreamworker.model.pipeline.DreamPipeline;
import io.dreamworker.model.runtime.OfflineEngine;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dreamworker selfcheck}: proves that this build, on this machine, runs every DreamLLM
 * component. It loads a bundle (by default a freshly generated random one), runs each component
 * once to warm up and then several times, prints its output shape and median time, checks that
 * every output is finite, runs the three pipeline tasks end to end, and, when fixtures are
 * available, checks the numerics against the reference implementations.
 */
@Command(name = "selfcheck", mixinStandardHelpOptions = true,
    description = "Run every component once (and the conformance checks when fixtures are present).")
final class SelfCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--bundle", paramLabel = "DIR",
      description = "A bundle to check. Default: a random bundle generated into a temporary directory.")
  Path bundleDir;

  @Option(names = "--preset", defaultValue = "tiny",
      description = "Sizes of the generated bundle: tiny or small. Default: ${DEFAULT-VALUE}.")
  String preset;

  @Option(names = "--fixtures", paramLabel = "DIR",
      description = "Reference fixtures to check against. Default: -Ddreamworker.fixtures, else none.")
  Path fixtures;

  @Option(names = "--runs", defaultValue = "5", description = "Timed runs per component. Default: ${DEFAULT-VALUE}.")
  int runs;

  private PrintWriter out;
  private boolean healthy = true;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    OfflineEngine.configure();
    Engine engine = Engine.getEngine("PyTorch");
    out.printf("engine %s %s on %s (%d cores); DJL offline: %s%n", engine.getEngineName(),
        engine.getVersion(), engine.defaultDevice(), Runtime.getRuntime().availableProcessors(),
        OfflineEngine.isOffline());

    Path dir = bundleDir;
    TemporaryDirectory temporary = null;
    if (dir == null) {
      temporary = TemporaryDirectory.create("dreamworker-selfcheck");
      dir = temporary.path();
      RandomBundles.write(dir, BundlePreset.named(preset), 42);
      out.printf("generated a random '%s' bundle in %s%n", preset, dir);
    }
    try {
      checkComponents(dir);
      Path fixtureDir = fixtures != null ? fixtures
          : System.getProperty(Fixtures.PROPERTY) != null ? Path.of(System.getProperty(Fixtures.PROPERTY)) : null;
      if (fixtureDir != null) {
        checkConformance(fixtureDir);
      } else {
        out.println("\nconformance: skipped (no fixtures; pass --fixtures DIR)");
      }
    } finally {
      if (temporary != null) {
        temporary.close();
      }
    }
    out.println(healthy ? "\nselfcheck passed" : "\nselfcheck FAILED");
    return healthy ? 0 : 1;
  }

  private void checkComponents(Path dir) throws Exception {
    BundleInventory inv = BundleInventory.read(dir);
    out.printf("bundle %s %s: %s parameters, %s in memory%n%n", inv.manifest().name(), inv.manifest().version(),
        Units.count(inv.totalParameters()), Units.bytes(inv.totalLoadedBytes()));
    try (ModelBundle bundle = ModelBundle.load(dir);
        NDManager m = bundle.manager().newSubManager()) {
      out.printf("%-26s %-18s %-18s %10s%n", "component", "input", "output", "median");
      int size = bundle.vision().config().imageSize();
      byte[] png = samplePng(size + size / 2, size);

      time("tokenizer encode", "text", () -> shapeOf(bundle.tokenizer().encode("a small red circle at the top left")));
      NDArray pixels = bundle.imageProcessor().process(png).toNDArray(m).expandDims(0);
      time("image preprocessing", "png " + (size + size / 2) + "x" + size, () -> finite(pixels).getShape().toString());
      int layer = bundle.dream().config().visionSelectLayer();
      NDArray hidden = bundle.vision().hiddenState(pixels, layer);
      time("vision tower (layer " + layer + ")", pixels.getShape().toString(),
          () -> closing(bundle.vision().hiddenState(pixels, layer)));
      time("visual projector", hidden.getShape().toString(),
          () -> closing(bundle.dream().projectImageFeatures(hidden)));

      long hiddenSize = bundle.llm().config().hiddenSize();
      NDArray prompt = m.randomNormal(new Shape(1, 32, hiddenSize));
      time("llm prefill", prompt.getShape().toString(), () -> {
        try (LlamaKvCache cache = bundle.llm().newCache(m)) {
          return closing(bundle.llm().forward(LlamaInput.ofEmbeds(prompt).withLogits(LogitsMode.LAST), cache).logits());
        }
      });
      try (LlamaKvCache cache = bundle.llm().newCache(m)) {
        bundle.llm().forward(LlamaInput.ofEmbeds(prompt).withLogits(LogitsMode.NONE), cache);
        NDArray token = m.create(new long[][] {{5}});
        time("llm decode step (cached)", "[1, 1] + cache", () -> closing(
            bundle.llm().forward(LlamaInput.ofIds(token).withLogits(LogitsMode.LAST), cache).logits()));
      }
      NDArray queries = bundle.dream().dreamQueries();
      NDArray queryHidden = m.randomNormal(queries.getShape());
      time("condition projector", queryHidden.getShape().toString(), () -> closing(bundle.dream().condition(queryHidden)));

      int latent = bundle.unet().config().sampleSize();
      int channels = bundle.unet().config().inChannels();
      NDArray latents = m.randomNormal(new Shape(2, channels, latent, latent));
      NDArray context = m.randomNormal(new Shape(2, queries.getShape().get(1), bundle.dream().config().conditionDim()));
      NDArray t = m.create(new int[] {500, 500});
      time("unet step (guidance pair)", latents.getShape().toString(),
          () -> closing(bundle.unet().forward(latents, t, context)));
      try (SchedulerState state = bundle.scheduler().start(m, 50, new SeededNoise(1))) {
        NDArray sample = latents.get("0:1");
        NDArray eps = m.randomNormal(sample.getShape());
        time("scheduler step", sample.getShape().toString(), () -> {
          NDArray next = state.step(eps, sample);
          return closing(next);
        });
      }
      NDArray z = m.randomNormal(new Shape(1, channels, latent, latent));
      time("vae decode", z.getShape().toString(), () -> closing(bundle.vae().decode(z)));

      DreamPipeline pipeline = new DreamPipeline(bundle);
      ImageParams image = new ImageParams(10, 3.5, "", 7);
      time("text-to-image, 10 steps", "prompt", () -> {
        RgbImage img = pipeline.textToImage("a large blue square in the center", image);
        return img.width() + "x" + img.height() + " rgb";
      });
      time("caption, 8 tokens", "png + prompt", () -> {
        try {
          return "\"" + abbreviate(pipeline.caption(png, "describe the image", 8, SamplingParams.GREEDY)) + "\"";
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      if (!bundle.unusedTensors().isEmpty()) {
        out.printf("%nwarning: %d tensors of the bundle were not used by any component%n", bundle.unusedTensors().size());
      }
    }
  }

  private void checkConformance(Path root) {
    out.printf("%nconformance against %s%n", root.toAbsolutePath().normalize());
    out.printf("%-24s %-30s %12s %14s  %s%n", "case", "kind", "comparisons", "max rel.err", "result");
    List<ConformanceSuite.CaseResult> results = ConformanceSuite.run(Fixtures.cases(root), c -> {});
    for (var r : results) {
      double worst = r.comparisons().stream()
          .filter(c -> c.tolerance() > 0)
          .mapToDouble(ParityReport.Comparison::relativeError)
          .max().orElse(0);
      long exact = r.comparisons().stream().filter(c -> c.tolerance() == 0).count();
      String kind = java.nio.file.Files.exists(r.fixture().file("case.json")) ? r.fixture().kind() : "?";
      out.printf(Locale.ROOT, "%-24s %-30s %12d %14s  %s%n", r.fixture().name(), kind, r.comparisons().size(),
          exact == r.comparisons().size() ? "exact" : String.format(Locale.ROOT, "%.2e", worst),
          r.passed() ? "ok" : "FAILED: " + r.failure().getMessage());
    }
    long failed = results.stream().filter(r -> !r.passed()).count();
    out.printf("conformance: %d of %d cases passed%n", results.size() - failed, results.size());
    healthy &= failed == 0;
  }

  /** Runs once to warm up, then {@link #runs} times; prints the median. */
  private void time(String name, String input, Supplier<String> run) {
    String output;
    try {
      output = run.get();
    } catch (RuntimeException e) {
      out.printf("%-26s %-18s FAILED: %s%n", name, input, e.getMessage());
      healthy = false;
      return;
    }
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      run.get();
      nanos[i] = System.nanoTime() - start;
    }
    java.util.Arrays.sort(nanos);
    out.printf(Locale.ROOT, "%-26s %-18s %-18s %8.2f ms%n", name, input, output, nanos[runs / 2] / 1e6);
  }

  /** The array's shape after checking it is finite; the array is closed. */
  private String closing(NDArray a) {
    String shape = finite(a).getShape().toString();
    a.close();
    return shape;
  }

  private NDArray finite(NDArray a) {
    if (a.getDataType() == DataType.FLOAT32 && !a.isInfinite().logicalOr(a.isNaN()).none().getBoolean()) {
      healthy = false;
      throw new IllegalStateException("output " + a.getShape() + " has NaN or infinite values");
    }
    return a;
  }

  private static String shapeOf(long[] ids) {
    return "[" + ids.length + "] ids";
  }

  private static String abbreviate(String s) {
    // A random model writes arbitrary bytes: show only printable ASCII.
    String oneLine = s.replaceAll("\\s+", " ").replaceAll("[^\\x20-\\x7e]", "?");
    return oneLine.length() <= 12 ? oneLine : oneLine.substring(0, 12) + "…";
  }

  private static byte[] samplePng(int width, int height) throws Exception {
    var image = new java.awt.image.BufferedImage(width, height, java.awt.image.BufferedImage.TYPE_INT_RGB);
    var g = image.createGraphics();
    g.setColor(java.awt.Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(new java.awt.Color(220, 40, 40));
    g.fillOval(width / 4, height / 4, height / 2, height / 2);
    g.dispose();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(image, "png", bytes);
    return bytes.toByteArray();
  }
}
