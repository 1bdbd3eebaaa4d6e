package io.dreamworker.model.diffusion.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.conformance.FixtureCase;
import io.dreamworker.model.conformance.Fixtures;
import io.dreamworker.model.conformance.RelativeError;
import io.dreamworker.model.weights.MemorySource;
import io.dreamworker.model.weights.SafetensorsSource;
import io.dreamworker.model.weights.Weights;
import io.dreamworker.model.weights.WeightsException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoencoderKLTest {

  @Test
  void threeLevelsTwoLayers_scalesByFourEachWayAndLoadsEveryTensor() {
    VaeConfig config = SyntheticVae.threeLevelsTwoLayers();
    try (NDManager m = NDManager.newBaseManager()) {
      Weights w = Weights.of(new MemorySource(SyntheticVae.weights(config, m, 1)), m);
      AutoencoderKL vae = AutoencoderKL.load(config, w);
      assertThat(w.unused()).isEmpty();

      NDArray decoded = vae.decode(m.randomNormal(new Shape(2, 4, 3, 5)));
      LatentDistribution encoded = vae.encode(m.randomUniform(-1, 1, new Shape(1, 3, 12, 20)));

      assertThat(decoded.getShape()).isEqualTo(new Shape(2, 3, 12, 20));
      assertThat(encoded.mean().getShape()).isEqualTo(new Shape(1, 4, 3, 5));
      assertThat(encoded.logvar().getShape()).isEqualTo(new Shape(1, 4, 3, 5));
    }
  }

  @Test
  void decodeOfEncode_ofARandomImage_runsAtTheImageSize() {
    VaeConfig config = SyntheticVae.threeLevelsTwoLayers();
    try (NDManager m = NDManager.newBaseManager()) {
      AutoencoderKL vae = AutoencoderKL.load(config, Weights.of(new MemorySource(SyntheticVae.weights(config, m, 2)), m));
      NDArray image = m.randomUniform(-1, 1, new Shape(2, 3, 16, 16));

      NDArray roundTrip = vae.decode(vae.encode(image).sample(42L));

      assertThat(roundTrip.getShape()).isEqualTo(image.getShape());
      assertThat(roundTrip.isNaN().any().getBoolean()).isFalse();
    }
  }

  @Test
  void withoutMidAttentionAndQuantConvs_loadsWithoutThoseTensors() {
    VaeConfig config = SyntheticVae.config("""
        {"block_out_channels": [8, 8], "down_block_types": ["DownEncoderBlock2D", "DownEncoderBlock2D"],
         "up_block_types": ["UpDecoderBlock2D", "UpDecoderBlock2D"], "norm_num_groups": 4,
         "mid_block_add_attention": false, "use_quant_conv": false, "use_post_quant_conv": false}
        """);
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, NDArray> arrays = SyntheticVae.weights(config, m, 3);
      assertThat(arrays.keySet()).noneMatch(n -> n.contains("quant_conv") || n.contains("attentions"));
      Weights w = Weights.of(new MemorySource(arrays), m);
      AutoencoderKL vae = AutoencoderKL.load(config, w);

      assertThat(vae.decode(m.zeros(new Shape(1, 4, 2, 2))).getShape()).isEqualTo(new Shape(1, 3, 4, 4));
      assertThat(w.unused()).isEmpty();
    }
  }

  @Test
  void decoderOnly_decodesLikeTheFullModelAndRefusesToEncode() throws Exception {
    FixtureCase fixture = Fixtures.ofKind("autoencoder_kl");
    VaeConfig config = VaeConfig.fromJson(fixture.config());
    try (NDManager m = NDManager.newBaseManager(); SafetensorsSource source = fixture.weights()) {
      AutoencoderKL full = AutoencoderKL.load(config, Weights.of(source, m));
      AutoencoderKL decoderOnly = AutoencoderKL.loadDecoder(config, Weights.of(source, m));
      NDArray latents = fixture.io("latents", m);

      assertThat(decoderOnly.decode(latents).toFloatArray()).containsExactly(full.decode(latents).toFloatArray());
      assertThatThrownBy(() -> decoderOnly.encode(fixture.io("image", m)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("loadDecoder");
    }
  }

  @Test
  void batchRows_decodeIndependently() throws Exception {
    FixtureCase fixture = Fixtures.ofKind("autoencoder_kl");
    try (NDManager m = NDManager.newBaseManager(); SafetensorsSource source = fixture.weights()) {
      AutoencoderKL vae = AutoencoderKL.load(VaeConfig.fromJson(fixture.config()), Weights.of(source, m));
      NDArray latents = fixture.io("latents", m);

      NDArray batched = vae.decode(latents);

      assertThat(RelativeError.of(batched.get(1).expandDims(0), vae.decode(latents.get(1).expandDims(0))))
          .isLessThan(1e-5);
    }
  }

  @Test
  void missingTensor_failsNamingIt() throws Exception {
    FixtureCase fixture = Fixtures.ofKind("autoencoder_kl");
    try (NDManager m = NDManager.newBaseManager(); SafetensorsSource source = fixture.weights()) {
      Map<String, NDArray> arrays = new LinkedHashMap<>();
      for (String name : source.names()) {
        arrays.put(name, source.load(name, m).duplicate());
      }
      arrays.remove("decoder.mid_block.attentions.0.to_v.bias");

      assertThatThrownBy(() -> AutoencoderKL.load(VaeConfig.fromJson(fixture.config()),
              Weights.of(new MemorySource(arrays), m)))
          .isInstanceOf(WeightsException.class)
          .hasMessageContaining("decoder.mid_block.attentions.0.to_v.bias");
    }
  }

  @Test
  void scalingFactor_isTheConfigs() {
    VaeConfig config = SyntheticVae.config("{\"scaling_factor\": 0.13025, \"norm_num_groups\": 4}");
    try (NDManager m = NDManager.newBaseManager()) {
      AutoencoderKL vae = AutoencoderKL.load(config, Weights.of(new MemorySource(SyntheticVae.weights(config, m, 4)), m));

      assertThat(vae.scalingFactor()).isEqualTo(0.13025);
    }
  }
}
