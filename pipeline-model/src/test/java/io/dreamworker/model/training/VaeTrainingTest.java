package io.dreamworker.model.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.dreamworker.model.config.ReferenceJson;
import io.dreamworker.model.diffusion.vae.VaeConfig;
import io.dreamworker.model.shapes.Scene;
import io.dreamworker.model.shapes.SceneSampler;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VaeTrainingTest {

  /** A narrow autoencoder with the shipped layout (64x64 to 16x16x4), so a few steps take seconds. */
  static VaeConfig narrow() throws Exception {
    return VaeConfig.fromJson(ReferenceJson.mapper().readTree("""
        {"_class_name": "AutoencoderKL",
         "down_block_types": ["DownEncoderBlock2D", "DownEncoderBlock2D", "DownEncoderBlock2D"],
         "up_block_types": ["UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D"],
         "block_out_channels": [8, 8, 16], "in_channels": 3, "out_channels": 3, "latent_channels": 4,
         "layers_per_block": 1, "norm_num_groups": 4, "sample_size": 64, "act_fn": "silu"}
        """));
  }

  @Test
  void fewSteps_lowerTheLossAndEvaluateEveryScene() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      VaeConfig config = narrow();
      VaeTraining training = new VaeTraining(config, VaeTraining.initialParameters(config, m, 3), m);
      List<Double> losses = new ArrayList<>();
      training.train(new VaeTraining.Config(12, 4, 3e-3f, 1e-4f, 5), m,
          LossLog.inMemory().listen(e -> losses.add(e.loss())));
      assertThat(losses).hasSize(12).allMatch(Double::isFinite);
      double early = (losses.get(0) + losses.get(1)) / 2;
      double late = (losses.get(10) + losses.get(11)) / 2;
      assertThat(late).isLessThan(early * 0.7);

      SceneSampler sampler = new SceneSampler(9);
      List<Scene> scenes = List.of(sampler.next(), sampler.next(), sampler.next());
      VaeTraining.Report report = training.evaluate(scenes, m, 2);
      assertThat(report.judged().scenes()).isEqualTo(3);
      assertThat(report.mse()).isPositive().isFinite();
      assertThat(report.latentStd()).isPositive().isFinite();
    }
  }
}
