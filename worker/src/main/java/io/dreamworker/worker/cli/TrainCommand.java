package io.dreamworker.worker.cli;

import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.shapes.AttributeAccuracy;
import io.dreamworker.model.training.CaptionEvaluation;
import io.dreamworker.model.training.CaptionTraining;
import io.dreamworker.model.training.DenoisingTraining;
import io.dreamworker.model.training.LossLog;
import io.dreamworker.model.training.ShapesTraining;
import io.dreamworker.model.training.VaeTraining;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dreamworker train ...}: the project's own models, trained from a seed. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train the project's own models.",
    subcommands = {TrainCommand.Shapes.class})
final class TrainCommand {

  /** {@code dreamworker train shapes}: the shapes-world bundle. */
  @Command(name = "shapes", mixinStandardHelpOptions = true,
      description = {"Train the shapes-world DreamLLM from a seed and write it as a bundle.",
          "Stages built so far: stage 0's VAE, stage I's captioning (CLIP tower, projector, LLM) and stage I's"
              + " denoising (UNet, dream queries, condition projector); stages II and III are not built yet.",
          "The loss log (one JSON line per step) and training-report.json are written into the bundle directory.",
          "On a shared 2-core machine, run with OMP_NUM_THREADS=1."})
  static final class Shapes implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "bundles/shapes",
        description = "Where to write the bundle (created if missing). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Fixes initial weights and every scene drawn. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--vae-steps", description = "Stage 0 VAE steps. Default: the recipe's (900).")
    Integer vaeSteps;

    @Option(names = "--caption-steps", description = "Stage I captioning steps. Default: the recipe's (1500).")
    Integer captionSteps;

    @Option(names = "--denoise-steps", description = "Stage I denoising steps (UNet, dream queries). Default: the recipe's (3000).")
    Integer denoiseSteps;

    @Option(names = "--creation-samples", description = "Held-out captions drawn for the report. Default: the recipe's (50).")
    Integer creationSamples;

    @Option(names = "--held-out", description = "Held-out scenes for the figures, never trained on. Default: the recipe's (300).")
    Integer heldOut;

    @Option(names = "--log", paramLabel = "FILE",
        description = "The loss log (JSON lines, appended). Default: DIR/training-log.jsonl.")
    Path log;

    @Override
    public Integer call() throws Exception {
      PrintWriter stdout = spec.commandLine().getOut();
      ShapesTraining.Recipe defaults = ShapesTraining.Recipe.defaults(seed);
      VaeTraining.Config vae = vaeSteps == null ? defaults.vae() : defaults.vae().withSteps(vaeSteps);
      CaptionTraining.Config caption = captionSteps == null ? defaults.caption() : defaults.caption().withSteps(captionSteps);
      DenoisingTraining.Config denoise = denoiseSteps == null ? defaults.denoise() : defaults.denoise().withSteps(denoiseSteps);
      int held = heldOut == null ? defaults.heldOutScenes() : heldOut;
      int creations = creationSamples == null ? Math.min(defaults.creationSamples(), held) : creationSamples;
      ShapesTraining.Recipe recipe = new ShapesTraining.Recipe(BundlePreset.SHAPES, seed, vae, caption, denoise,
          creations, held);
      Path logFile = log != null ? log : out.resolve("training-log.jsonl");
      stdout.printf(Locale.ROOT, "training the shapes bundle, seed %d, into %s (loss log %s); OMP_NUM_THREADS=%s%n",
          seed, out.toAbsolutePath().normalize(), logFile, System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
      stdout.flush();
      ShapesTraining.Result result;
      try (LossLog lossLog = LossLog.appendingTo(logFile)) {
        lossLog.listen(new TrainingProgressBar(spec.commandLine().getErr(), System.console() != null));
        result = ShapesTraining.run(recipe, out, lossLog);
      }
      VaeTraining.Report r = result.vae();
      stdout.printf(Locale.ROOT, "stage 0 vae: %d steps in %.0f s; on %d held-out scenes reconstruction mse %.4f,"
              + " latent std %.3f (scaling_factor %.4f)%n", vae.steps(), result.vaeTime().toMillis() / 1000.0,
          r.judged().scenes(), r.mse(), r.latentStd(), 1 / r.latentStd());
      stdout.printf(Locale.ROOT, "  judge on reconstructions: %s%n", describe(r.judged()));
      CaptionEvaluation c = result.caption();
      stdout.printf(Locale.ROOT, "stage I captioning: %d steps in %.0f s; greedy captions of %d held-out scenes: exact %.3f%n",
          caption.steps(), result.captionTime().toMillis() / 1000.0, c.attributes().scenes(), c.exact());
      stdout.printf(Locale.ROOT, "  caption attributes: %s%n", describe(c.attributes()));
      stdout.printf(Locale.ROOT, "stage I denoising: %d steps in %.0f s; %d held-out captions drawn: all %.3f%n",
          denoise.steps(), result.denoiseTime().toMillis() / 1000.0, result.creation().scenes(), result.creation().all());
      stdout.printf(Locale.ROOT, "  creation attributes: %s%n", describe(result.creation()));
      stdout.printf("wrote bundle %s (%s) to %s%n", result.manifest().name(), result.manifest().version(),
          out.toAbsolutePath().normalize());
      return 0;
    }

    static String describe(AttributeAccuracy a) {
      return String.format(Locale.ROOT, "all %.3f, shape %.3f, colour %.3f, size %.3f, position %.3f, background %.3f",
          a.all(), a.shape(), a.color(), a.size(), a.position(), a.background());
    }
  }
}
