package io.dreamworker.worker.cli;

import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.shapes.AttributeAccuracy;
import io.dreamworker.model.training.MixedTraining;
import io.dreamworker.model.training.ShapesEvaluation;
import io.dreamworker.model.training.CaptionTraining;
import io.dreamworker.model.training.ConditionDistillation;
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
          "Stages: 0 the VAE; I captioning (CLIP tower, projector, LLM); I binding (LLM and dream queries learn"
              + " one bound token per shape, captioning kept); I denoising (UNet, dream queries,"
              + " condition projector, LLM frozen); II interleaved story documents; III instructions (describe,"
              + " draw, write a story); then denoising again with the LLM frozen, realigning the UNet and the dream"
              + " queries to the LLM that stages II and III moved. A stage given 0 steps is skipped; --from starts"
              + " from an earlier bundle.",
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

    @Option(names = "--caption-steps", description = "Stage I captioning steps. Default: the recipe's (1000).")
    Integer captionSteps;

    @Option(names = "--distill-steps",
        description = "Stage I binding steps (LLM and dream queries learn a per-shape scene code, captioning kept)."
            + " Default: the recipe's (1000).")
    Integer distillSteps;

    @Option(names = "--denoise-steps",
        description = "Stage I denoising steps (the UNet learns to read the queries). Default: the recipe's (1500).")
    Integer denoiseSteps;

    @Option(names = "--denoise-batch", description = "Stage I denoising pictures per step. Default: the recipe's (16).")
    Integer denoiseBatch;

    @Option(names = "--interleaved-steps", description = "Stage II steps (story documents). Default: the recipe's (600)." )
    Integer interleavedSteps;

    @Option(names = "--instruction-steps", description = "Stage III steps (instructions). Default: the recipe's (900).")
    Integer instructionSteps;

    @Option(names = "--code-weight",
        description = "Weight of the scene code's squared error at every drawn picture in stages II and III, which"
            + " keeps the binding stage's work while they move the LLM (0 for none). Default: the recipe's (1).")
    Float codeWeight;

    @Option(names = "--realign-steps",
        description = "Closing denoising steps with the LLM frozen again, after stage III. Default: the recipe's (2500).")
    Integer realignSteps;

    @Option(names = "--realign-ema",
        description = "Decay of a moving average of the realigned weights, which the bundle then holds"
            + " (diffusers' EMAModel; 0 keeps the last step's weights). Default: the recipe's (0).")
    Float realignEma;

    @Option(names = "--from", paramLabel = "DIR",
        description = "Start from this bundle (written by an earlier `train shapes`) instead of the seed's initial weights.")
    Path from;

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
      ConditionDistillation.Config distill = distillSteps == null ? defaults.distill()
          : defaults.distill().withSteps(distillSteps);
      DenoisingTraining.Config denoise = denoiseSteps == null ? defaults.denoise() : defaults.denoise().withSteps(denoiseSteps);
      if (denoiseBatch != null) {
        denoise = denoise.withBatchSize(denoiseBatch);
      }
      MixedTraining.Config interleaved = interleavedSteps == null ? defaults.interleaved()
          : defaults.interleaved().withSteps(interleavedSteps);
      MixedTraining.Config instructions = instructionSteps == null ? defaults.instructions()
          : defaults.instructions().withSteps(instructionSteps);
      if (codeWeight != null) {
        interleaved = interleaved.withCodeWeight(codeWeight);
        instructions = instructions.withCodeWeight(codeWeight);
      }
      DenoisingTraining.Config realign = realignSteps == null ? defaults.realign()
          : defaults.realign().withSteps(realignSteps);
      if (realignEma != null) {
        realign = realign.withEmaDecay(realignEma);
      }
      int held = heldOut == null ? defaults.heldOutScenes() : heldOut;
      int creations = creationSamples == null ? Math.min(defaults.creationSamples(), held) : creationSamples;
      ShapesTraining.Recipe recipe = new ShapesTraining.Recipe(BundlePreset.SHAPES, seed, vae, caption, distill, denoise,
          interleaved, instructions, realign, creations, held);
      Path logFile = log != null ? log : out.resolve("training-log.jsonl");
      stdout.printf(Locale.ROOT, "training the shapes bundle, seed %d, into %s%s (loss log %s); OMP_NUM_THREADS=%s%n",
          seed, out.toAbsolutePath().normalize(), from == null ? "" : " from " + from, logFile,
          System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
      stdout.flush();
      ShapesTraining.Result result;
      try (LossLog lossLog = LossLog.appendingTo(logFile)) {
        lossLog.listen(new TrainingProgressBar(spec.commandLine().getErr(), System.console() != null));
        result = ShapesTraining.run(recipe, from, out, lossLog);
      }
      for (ShapesTraining.StageTime s : result.stages()) {
        stdout.printf(Locale.ROOT, "stage %-12s %5d steps in %4.0f s%n", s.stage(), s.steps(), s.time().toMillis() / 1000.0);
      }
      if (!Double.isNaN(result.codeDecoded())) {
        stdout.printf(Locale.ROOT, "binding: %.3f of held-out captions decode to their scene at the dream queries%n",
            result.codeDecoded());
      }
      VaeTraining.Report r = result.vae();
      stdout.printf(Locale.ROOT, "vae on held-out scenes: reconstruction mse %.4f; judge on reconstructions: %s%n",
          r.mse(), describe(r.judged()));
      ShapesEvaluation.Report f = result.figures();
      stdout.printf(Locale.ROOT, "captions of %d held-out scenes: exact %.3f; %s%n",
          f.comprehension().attributes().scenes(), f.comprehension().exact(), describe(f.comprehension().attributes()));
      stdout.printf(Locale.ROOT, "%d held-out captions drawn: %s%n", f.creation().scenes(), describe(f.creation()));
      stdout.printf(Locale.ROOT, "%d stories: placement f1 %.3f; pictures %s%n", f.stories(), f.placement().f1(),
          describe(f.storyPictures()));
      stdout.printf("wrote bundle %s (%s) to %s; full figures: dreamworker eval --bundle %s%n",
          result.manifest().name(), result.manifest().version(), out.toAbsolutePath().normalize(), out);
      return 0;
    }

    static String describe(AttributeAccuracy a) {
      return String.format(Locale.ROOT, "all %.3f, shape %.3f, colour %.3f, size %.3f, position %.3f, background %.3f",
          a.all(), a.shape(), a.color(), a.size(), a.position(), a.background());
    }
  }
}
