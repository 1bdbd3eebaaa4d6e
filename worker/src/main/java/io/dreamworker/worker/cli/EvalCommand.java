package io.dreamworker.worker.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dreamworker.model.bundle.ModelBundle;
import io.dreamworker.model.generation.ImageParams;
import io.dreamworker.model.generation.SchedulerFamily;
import io.dreamworker.model.shapes.AttributeAccuracy;
import io.dreamworker.model.training.ShapesEvaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dreamworker eval}: the shapes bundle judged on held-out samples. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Evaluate a shapes-world bundle on held-out samples through the serving pipeline:",
        "comprehension (greedy captions: exact rate and per attribute), creation (GenEval-style: the judge reads",
        "each picture drawn from a caption) and interleaved stories (<dream> placement and the pictures).",
        "Issue 5's targets: caption_exact >= 0.90, creation_all >= 0.80, placement_f1 >= 0.90."})
final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--bundle", paramLabel = "DIR",
      description = "The bundle. Default: the trained shapes bundle in the repository (bundles/shapes).")
  Path bundleDir;

  @Option(names = "--seed", defaultValue = "1",
      description = "The training seed: the samples are that run's held-out scenes. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--captions", defaultValue = "200", description = "Scenes captioned. Default: ${DEFAULT-VALUE}.")
  int captions;

  @Option(names = "--creations", defaultValue = "100", description = "Scenes drawn from their captions. Default: ${DEFAULT-VALUE}.")
  int creations;

  @Option(names = "--stories", defaultValue = "30", description = "Stories written. Default: ${DEFAULT-VALUE}.")
  int stories;

  @Option(names = "--steps", defaultValue = "25", description = "Denoising steps per picture. Default: ${DEFAULT-VALUE}.")
  int steps;

  @Option(names = "--guidance", defaultValue = "2.0",
      description = "Classifier-free guidance scale. Default: ${DEFAULT-VALUE}, what the shapes bundle draws best with"
          + " (DreamLLM's 7.5 overshoots its colours).")
  double guidance;

  @Option(names = "--scheduler", defaultValue = "default", converter = SchedulerConverter.class,
      description = "The sampler: default (the bundle's, DDPM for shapes), ddpm, ddim or dpmpp_2m."
          + " Default: ${DEFAULT-VALUE}.")
  SchedulerFamily scheduler;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the figures as JSON.")
  Path json;

  @Option(names = "--out", paramLabel = "DIR", description = "Write the generated pictures as PNG and samples.jsonl.")
  Path out;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    var config = new ShapesEvaluation.Config(seed, captions, creations, stories,
        new ImageParams(steps, guidance, "", 0, scheduler, 0));
    ShapesEvaluation.Report r;
    if (bundleDir == null) {
      bundleDir = ShippedBundle.location();
    }
    try (ModelBundle bundle = ModelBundle.load(bundleDir)) {
      stdout.printf("evaluating bundle %s (%s): %d captions, %d creations, %d stories%n", bundle.manifest().name(),
          bundle.manifest().version(), captions, creations, stories);
      stdout.flush();
      r = ShapesEvaluation.run(bundle, config, out);
    }
    stdout.printf(Locale.ROOT, "comprehension: caption exact %.3f (target 0.90); %s%n", r.comprehension().exact(),
        TrainCommand.Shapes.describe(r.comprehension().attributes()));
    stdout.printf(Locale.ROOT, "creation:      all attributes %.3f (target 0.80); %s%n", r.creation().all(),
        TrainCommand.Shapes.describe(r.creation()));
    for (int shapes = 1; shapes <= 2; shapes++) {
      AttributeAccuracy a = r.creationByShapes().get(shapes - 1);
      stdout.printf(Locale.ROOT, "  %s (%d): %s%n", shapes == 1 ? "one shape " : "two shapes", a.scenes(),
          TrainCommand.Shapes.describe(a));
    }
    stdout.printf(Locale.ROOT, "interleaved:   placement precision %.3f, recall %.3f, F1 %.3f (target 0.90);"
            + " pictures %s%n", r.placement().precision(), r.placement().recall(), r.placement().f1(),
        TrainCommand.Shapes.describe(r.storyPictures()));
    if (json != null) {
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), r.toJson());
      stdout.printf("wrote %s%n", json);
    }
    if (out != null) {
      stdout.printf("wrote pictures and samples.jsonl to %s%n", out);
    }
    return 0;
  }

  /** Wire names (as in job parameters) to {@link SchedulerFamily}, with the list on a typo. */
  static final class SchedulerConverter implements CommandLine.ITypeConverter<SchedulerFamily> {
    @Override
    public SchedulerFamily convert(String value) {
      try {
        return SchedulerFamily.of(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
