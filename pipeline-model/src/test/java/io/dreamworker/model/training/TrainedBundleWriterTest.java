package io.dreamworker.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.bundle.ModelBundle;
import io.dreamworker.model.diffusion.vae.VaeConfig;
import io.dreamworker.model.bundle.TinyTokenizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainedBundleWriterTest {
  @TempDir Path dir;

  @Test
  void trainedVae_loadsBackAsTheBundlesVae_withItsScalingFactor() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      VaeConfig config = VaeConfig.fromJson(BundlePreset.TINY.vaeConfig());
      TrainableParameters vae = VaeTraining.initialParameters(config, m, 77);
      TrainedBundleWriter.write(dir, BundlePreset.TINY, 5, TinyTokenizer.json(List.of()), TinyTokenizer.baseVocabularySize(),
          Map.of("vae", vae), 0.5, Map.of("stages", "vae"));
      try (ModelBundle bundle = ModelBundle.load(dir)) {
        assertThat(bundle.unusedTensors()).isEmpty();
        assertThat(bundle.manifest().version()).isEqualTo("seed-5-trained-vae");
        assertThat(bundle.vae().scalingFactor()).isEqualTo(0.5);
        String name = "encoder.conv_in.weight";
        float[] written = vae.arrays().get(name).toFloatArray();
        try (var src = io.dreamworker.model.weights.SafetensorsSource.open(List.of(dir.resolve("model.safetensors")))) {
          assertThat(src.load("vae." + name, m).toFloatArray()).isEqualTo(written);
        }
      }
    }
  }

  @Test
  void tensorTheComponentDoesNotHave_isRefusedNamingIt() {
    try (NDManager m = NDManager.newBaseManager()) {
      TrainableParameters stray = TrainableParameters.copyOf(m,
          Map.of("encoder.extra.weight", m.zeros(new ai.djl.ndarray.types.Shape(1))));
      assertThatThrownBy(() -> TrainedBundleWriter.write(dir, BundlePreset.TINY, 5, TinyTokenizer.json(List.of()),
          TinyTokenizer.baseVocabularySize(), Map.of("vae", stray), Double.NaN, Map.of()))
          .hasMessageContaining("vae.encoder.extra.weight").hasMessageContaining("'vae' component");
    }
  }
}
