package io.dreamworker.model.conformance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dreamworker.model.diffusion.unet.UNet2DConditionModel;
import io.dreamworker.model.diffusion.unet.UNetConfig;
import io.dreamworker.model.weights.SafetensorsSource;
import io.dreamworker.model.weights.Weights;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code unet_2d_condition}: builds the UNet from the case's config.json, runs it on the case's
 * inputs and compares every output tensor case.json lists: {@code out} at the given timesteps and
 * {@code out_t<N>} with every sample at timestep N.
 */
final class UNetParity implements ParityCheck {
  private static final Set<String> INPUTS = Set.of("sample", "timesteps", "encoder_hidden_states");
  private static final Pattern AT_TIMESTEP = Pattern.compile("out_t(\\d+)");
  private static final double TOLERANCE = 1e-4;

  @Override
  public void check(FixtureCase fixture, NDManager manager, ParityReport report) throws Exception {
    UNetConfig config = UNetConfig.fromJson(fixture.config());
    try (SafetensorsSource source = fixture.weights()) {
      Weights weights = Weights.of(source, manager);
      UNet2DConditionModel unet = UNet2DConditionModel.load(config, weights);
      Require.that(weights.unused().isEmpty(),
          () -> "checkpoint tensors the UNet did not load" + ": " + weights.unused());

      NDArray sample = fixture.io("sample", manager);
      NDArray timesteps = fixture.io("timesteps", manager);
      NDArray context = fixture.io("encoder_hidden_states", manager);
      int compared = 0;
      for (var tensor : fixture.caseJson().path("tensors").properties()) {
        String name = tensor.getKey();
        if (INPUTS.contains(name)) {
          continue;
        }
        NDArray t;
        Matcher m = AT_TIMESTEP.matcher(name);
        if (name.equals("out")) {
          t = timesteps;
        } else if (m.matches()) {
          t = manager.full(timesteps.getShape(), Integer.parseInt(m.group(1)));
        } else {
          throw new ParityFailure("case lists tensor '" + name + "', which this check cannot produce");
        }
        report.compare(name, unet.forward(sample, t, context), fixture.io(name, manager), TOLERANCE);
        compared++;
      }
      Require.that(compared > 0, () -> "case.json lists no output this check compares");
    }
  }
}
