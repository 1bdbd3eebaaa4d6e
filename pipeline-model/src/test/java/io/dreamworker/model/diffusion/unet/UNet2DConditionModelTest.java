package io.dreamworker.model.diffusion.unet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

class UNet2DConditionModelTest {

  private static Map<String, NDArray> fixtureWeights(FixtureCase fixture, NDManager m) throws Exception {
    Map<String, NDArray> arrays = new LinkedHashMap<>();
    try (SafetensorsSource source = fixture.weights()) {
      for (String name : source.names()) {
        arrays.put(name, source.load(name, m).duplicate());
      }
    }
    return arrays;
  }

  private static UNet2DConditionModel fixtureUNet(FixtureCase fixture, NDManager m) throws Exception {
    return UNet2DConditionModel.load(UNetConfig.fromJson(fixture.config()),
        Weights.of(new MemorySource(fixtureWeights(fixture, m)), m));
  }

  @Test
  void batchRowsAtTheirOwnTimesteps_equalEachRowRunAlone() throws Exception {
    FixtureCase fixture = Fixtures.ofKind("unet_2d_condition");
    try (NDManager m = NDManager.newBaseManager()) {
      UNet2DConditionModel unet = fixtureUNet(fixture, m);
      NDArray sample = fixture.io("sample", m);
      NDArray context = fixture.io("encoder_hidden_states", m);
      long[] steps = {17, 903};

      NDArray batched = unet.forward(sample, m.create(steps), context);

      for (int b = 0; b < steps.length; b++) {
        NDArray alone = unet.forward(
            sample.get(b).expandDims(0), m.create(new long[] {steps[b]}), context.get(b).expandDims(0));
        assertThat(RelativeError.of(batched.get(b).expandDims(0), alone)).as("row %d", b).isLessThan(1e-5);
      }
      // The rows really are at different steps: swapping the timesteps changes the output.
      NDArray swapped = unet.forward(sample, m.create(new long[] {steps[1], steps[0]}), context);
      assertThat(RelativeError.of(swapped, batched)).isGreaterThan(1e-3);
    }
  }

  @Test
  void oneTimestepForTheBatch_equalsThatTimestepRepeatedPerRow() throws Exception {
    FixtureCase fixture = Fixtures.ofKind("unet_2d_condition");
    try (NDManager m = NDManager.newBaseManager()) {
      UNet2DConditionModel unet = fixtureUNet(fixture, m);
      NDArray sample = fixture.io("sample", m);
      NDArray context = fixture.io("encoder_hidden_states", m);

      NDArray shared = unet.forward(sample, m.create(new float[] {250.5f}), context);
      NDArray perRow = unet.forward(sample, m.create(new float[] {250.5f, 250.5f}), context);

      assertThat(shared.toFloatArray()).containsExactly(perRow.toFloatArray());
    }
  }

  @Test
  void convProjectionThreeLevels_loadsEveryTensorAndKeepsTheSampleShape() {
    UNetConfig config = SyntheticUNet.convProjectionThreeLevels();
    try (NDManager m = NDManager.newBaseManager()) {
      Weights w = Weights.of(new MemorySource(SyntheticUNet.weights(config, m, 1)), m);
      UNet2DConditionModel unet = UNet2DConditionModel.load(config, w);
      assertThat(w.unused()).isEmpty();

      NDArray out = unet.forward(
          m.randomNormal(new Shape(2, 4, 8, 8)), m.create(new long[] {3, 700}), m.randomNormal(new Shape(2, 5, 12)));

      assertThat(out.getShape()).isEqualTo(new Shape(2, 4, 8, 8));
      assertThat(out.isInfinite().any().getBoolean() || out.isNaN().any().getBoolean()).isFalse();
    }
  }

  @Test
  void convProjections_computeTheSameAsLinearProjectionsWithTheSameWeights() {
    UNetConfig convConfig = SyntheticUNet.convProjectionThreeLevels();
    ObjectNode linearJson = (ObjectNode) SyntheticUNet.json("""
        {"_class_name": "UNet2DConditionModel",
         "down_block_types": ["CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"],
         "up_block_types": ["UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"],
         "block_out_channels": [8, 16, 24], "layers_per_block": [1, 2, 1], "attention_head_dim": [1, 4, 2],
         "transformer_layers_per_block": 2, "cross_attention_dim": 12, "norm_num_groups": 4,
         "use_linear_projection": true}
        """);
    UNetConfig linearConfig = UNetConfig.fromJson(linearJson);
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, NDArray> linearWeights = SyntheticUNet.weights(linearConfig, m, 2);
      Map<String, NDArray> convWeights = new LinkedHashMap<>();
      linearWeights.forEach((name, a) -> convWeights.put(name,
          name.matches(".*\\.proj_(in|out)\\.weight") ? a.reshape(a.getShape().get(0), a.getShape().get(1), 1, 1) : a));
      UNet2DConditionModel linear = UNet2DConditionModel.load(linearConfig, Weights.of(new MemorySource(linearWeights), m));
      UNet2DConditionModel conv = UNet2DConditionModel.load(convConfig, Weights.of(new MemorySource(convWeights), m));
      NDArray sample = m.randomNormal(new Shape(1, 4, 8, 8));
      NDArray t = m.create(new long[] {321});
      NDArray context = m.randomNormal(new Shape(1, 3, 12));

      assertThat(RelativeError.of(conv.forward(sample, t, context), linear.forward(sample, t, context)))
          .isLessThan(1e-6);
    }
  }

  @Test
  void sizeNotAMultipleOfTheDownsamplingFactor_comesBackAtTheSameSize() {
    UNetConfig config = SyntheticUNet.convProjectionThreeLevels();
    try (NDManager m = NDManager.newBaseManager()) {
      UNet2DConditionModel unet = UNet2DConditionModel.load(config,
          Weights.of(new MemorySource(SyntheticUNet.weights(config, m, 3)), m));

      NDArray out = unet.forward(
          m.randomNormal(new Shape(1, 4, 7, 5)), m.create(new long[] {10}), m.randomNormal(new Shape(1, 2, 12)));

      assertThat(out.getShape()).isEqualTo(new Shape(1, 4, 7, 5));
    }
  }

  @Test
  void missingTensor_failsNamingItAndTheShapeTheConfigImplies() throws Exception {
    FixtureCase fixture = Fixtures.ofKind("unet_2d_condition");
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, NDArray> arrays = fixtureWeights(fixture, m);
      arrays.remove("up_blocks.2.attentions.1.transformer_blocks.0.attn2.to_k.weight");
      Weights w = Weights.of(new MemorySource(arrays), m);

      assertThatThrownBy(() -> UNet2DConditionModel.load(UNetConfig.fromJson(fixture.config()), w))
          .isInstanceOf(WeightsException.class)
          .hasMessageContaining("up_blocks.2.attentions.1.transformer_blocks.0.attn2.to_k.weight")
          .hasMessageContaining("[32, 48]");
    }
  }

  @Test
  void conditionOfTheWrongWidth_failsNamingCrossAttentionDim() throws Exception {
    FixtureCase fixture = Fixtures.ofKind("unet_2d_condition");
    try (NDManager m = NDManager.newBaseManager()) {
      UNet2DConditionModel unet = fixtureUNet(fixture, m);

      assertThatThrownBy(() -> unet.forward(
              fixture.io("sample", m), m.create(new long[] {1, 2}), m.zeros(new Shape(2, 6, 47))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cross_attention_dim is 48");
    }
  }
}
