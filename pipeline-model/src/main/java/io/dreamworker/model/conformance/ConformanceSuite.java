package io.dreamworker.model.conformance;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Checks this build's components against the reference fixtures: every case folder, dispatched on
 * the {@code kind} its {@code case.json} declares. Used by the parity tests and by {@code
 * dreamworker selfcheck --fixtures DIR}, so that the same numerics can be confirmed on the
 * machine (and device) that will serve.
 */
public final class ConformanceSuite {

  /**
   * The outcome of one case.
   *
   * @param fixture the case
   * @param comparisons what was compared, in order
   * @param failure why the case failed, or {@code null}
   */
  public record CaseResult(FixtureCase fixture, List<ParityReport.Comparison> comparisons, Throwable failure) {
    public boolean passed() {
      return failure == null;
    }
  }

  /** The check for each fixture kind. */
  private static final Map<String, ParityCheck> CHECKS = Map.ofEntries(
      Map.entry("llama_causal_lm", new LlamaParity()),
      Map.entry("unet_2d_condition", new UNetParity()),
      Map.entry("autoencoder_kl", new VaeParity()),
      Map.entry("scheduler_ddpm", new SchedulerParity()),
      Map.entry("scheduler_ddim", new SchedulerParity()),
      Map.entry("scheduler_dpmsolver_multistep", new SchedulerParity()),
      Map.entry("clip_vision_model", new ClipVisionParity()),
      Map.entry("clip_image_processor", new ClipPreprocessParity()),
      Map.entry("tokenizer", new TokenizerParity())
  );

  private ConformanceSuite() {}

  /** The fixture kinds this build can check. */
  public static Set<String> supportedKinds() {
    return new TreeSet<>(CHECKS.keySet());
  }

  /**
   * Runs one case.
   *
   * @throws ParityFailure if an output is out of tolerance, or the case's kind is unknown
   * @throws Exception if the case cannot be read or run
   */
  public static void check(FixtureCase fixture, Consumer<ParityReport.Comparison> listener) throws Exception {
    if (!Files.exists(fixture.file("case.json"))) {
      throw new ParityFailure(fixture.dir() + " has no case.json, so its kind is unknown");
    }
    ParityCheck check = CHECKS.get(fixture.kind());
    if (check == null) {
      throw new ParityFailure("fixture " + fixture.name() + " is of kind '" + fixture.kind()
          + "', which no conformance check supports (known: " + supportedKinds() + ")");
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      check.check(fixture, manager, new ParityReport(fixture.name(), listener));
    }
  }

  /** Runs every case, collecting failures instead of stopping at the first. */
  public static List<CaseResult> run(List<FixtureCase> cases, Consumer<ParityReport.Comparison> listener) {
    List<CaseResult> results = new ArrayList<>();
    for (FixtureCase c : cases) {
      List<ParityReport.Comparison> seen = new ArrayList<>();
      Throwable failure = null;
      try {
        check(c, comparison -> {
          seen.add(comparison);
          listener.accept(comparison);
        });
      } catch (Exception | AssertionError e) {
        failure = e;
      }
      results.add(new CaseResult(c, List.copyOf(seen), failure));
    }
    return results;
  }
}
