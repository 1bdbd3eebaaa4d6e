package io.dreamworker.model.conformance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dreamworker.model.diffusion.vae.AutoencoderKL;
import io.dreamworker.model.diffusion.vae.VaeConfig;
import io.dreamworker.model.weights.SafetensorsSource;
import io.dreamworker.model.weights.Weights;
import java.util.Iterator;
import java.util.Set;

/**
 * {@code autoencoder_kl}: builds the autoencoder from the case's config.json and compares every
 * output tensor case.json lists: {@code decoded = decode(latents)} and
 * {@code encoded_mean = encode(image).mean} (plus {@code encoded_logvar} if a case has it).
 */
final class VaeParity implements ParityCheck {
  private static final Set<String> INPUTS = Set.of("latents", "image");
  private static final double TOLERANCE = 1e-4;

  @Override
  public void check(FixtureCase fixture, NDManager manager, ParityReport report) throws Exception {
    VaeConfig config = VaeConfig.fromJson(fixture.config());
    try (SafetensorsSource source = fixture.weights()) {
      Weights weights = Weights.of(source, manager);
      AutoencoderKL vae = AutoencoderKL.load(config, weights);
      Require.that(weights.unused().isEmpty(),
          () -> "checkpoint tensors the VAE did not load" + ": " + weights.unused());

      Iterator<String> tensors = fixture.caseJson().path("tensors").fieldNames();
      int compared = 0;
      while (tensors.hasNext()) {
        String name = tensors.next();
        if (INPUTS.contains(name)) {
          continue;
        }
        NDArray out = switch (name) {
          case "decoded" -> vae.decode(fixture.io("latents", manager));
          case "encoded_mean" -> vae.encode(fixture.io("image", manager)).mean();
          case "encoded_logvar" -> vae.encode(fixture.io("image", manager)).logvar();
          default -> throw new ParityFailure("case lists tensor '" + name + "', which this check cannot produce");
        };
        report.compare(name, out, fixture.io(name, manager), TOLERANCE);
        compared++;
      }
      Require.that(compared > 0, () -> "case.json lists no output this check compares");
    }
  }
}
