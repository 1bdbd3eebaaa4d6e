package io.dreamworker.model.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dreamworker.model.weights.SafetensorsSource;
import io.dreamworker.model.weights.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {
  @TempDir Path dir;

  @Test
  void generatedTinyBundle_loadsEveryComponentAndUsesEveryTensor() throws IOException {
    RandomBundles.write(dir, BundlePreset.TINY, 42);
    try (ModelBundle bundle = ModelBundle.load(dir)) {
      assertThat(bundle.manifest().name()).isEqualTo("random-tiny");
      assertThat(bundle.unusedTensors()).isEmpty();
      assertThat(bundle.llm().config().numKeyValueHeads()).isLessThan(bundle.llm().config().numAttentionHeads());
      assertThat(bundle.dream().config().numDreamQueries()).isEqualTo(BundlePreset.TINY.dreamQueries());
      assertThat(bundle.tokenizer().specialTokens().find("<dream_start>")).isPresent();
    }
  }

  @Test
  void sameSeed_writesTheSameWeights_otherSeedOtherWeights() throws IOException {
    RandomBundles.write(dir.resolve("a"), BundlePreset.TINY, 7);
    RandomBundles.write(dir.resolve("b"), BundlePreset.TINY, 7);
    RandomBundles.write(dir.resolve("c"), BundlePreset.TINY, 8);
    byte[] a = Files.readAllBytes(dir.resolve("a/model.safetensors"));
    assertThat(Files.readAllBytes(dir.resolve("b/model.safetensors"))).isEqualTo(a);
    assertThat(Files.readAllBytes(dir.resolve("c/model.safetensors"))).isNotEqualTo(a);
  }

  @Test
  void missingTensor_isNamedWithItsComponentAndShape() throws IOException {
    RandomBundles.write(dir, BundlePreset.TINY, 1);
    rewriteWeights(arrays -> arrays.remove("unet.conv_in.weight"));
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("component 'unet'")
        .hasMessageContaining("missing tensor 'unet.conv_in.weight' (expected shape [32, 4, 3, 3])");
  }

  @Test
  void tensorOfAnotherShape_isNamedWithBothShapes() throws IOException {
    RandomBundles.write(dir, BundlePreset.TINY, 1);
    rewriteWeights(arrays -> {
      NDArray q = arrays.get("dream.dream_queries");
      arrays.put("dream.dream_queries", q.get(":, :4, :"));
    });
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("component 'dream'")
        .hasMessageContaining("'dream.dream_queries' has shape [1, 4, 64] but the config implies [1, 8, 64]");
  }

  @Test
  void componentsThatDoNotFit_areAllNamedWithBothKeys() throws IOException {
    BundleManifest m = RandomBundles.write(dir, BundlePreset.TINY, 1);
    ObjectNode dream = (ObjectNode) m.component("dream").config();
    dream.put("llm_hidden_size", 65).put("condition_dim", 31);
    m.write(dir);
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("dream.llm_hidden_size 65 differs from llm.hidden_size 64")
        .hasMessageContaining("dream.condition_dim 31 differs from unet.cross_attention_dim");
  }

  @Test
  void badComponentConfig_namesTheComponent() throws IOException {
    BundleManifest m = RandomBundles.write(dir, BundlePreset.TINY, 1);
    ((ObjectNode) m.component("llm").config()).put("num_attention_heads", 3);
    m.write(dir);
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("component 'llm' (llama_causal_lm)");
  }

  @Test
  void tokenizerWithoutDreamTokens_isRefusedNamingTheToken() throws IOException {
    RandomBundles.write(dir, BundlePreset.TINY, 1);
    Path fixtureTokenizer = io.dreamworker.model.conformance.Fixtures.root().resolve("bpe-tokenizer/tokenizer.json");
    Files.copy(fixtureTokenizer, dir.resolve("tokenizer.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("has no <dream_start> token");
  }

  @Test
  void missingWeightsFile_isNamed() throws IOException {
    RandomBundles.write(dir, BundlePreset.TINY, 1);
    Files.delete(dir.resolve("model.safetensors"));
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("weights file model.safetensors named in bundle.json does not exist");
  }

  @Test
  void inventory_countsEveryComponentFromHeaders() throws IOException {
    RandomBundles.write(dir, BundlePreset.TINY, 1);
    BundleInventory inv = BundleInventory.read(dir);
    assertThat(inv.unassigned()).isEmpty();
    assertThat(inv.components().get("llm").parameters()).isPositive();
    assertThat(inv.components().get("scheduler").tensors()).isZero();
    assertThat(inv.totalLoadedBytes()).isEqualTo(inv.totalParameters() * 4);
  }

  private void rewriteWeights(java.util.function.Consumer<Map<String, NDArray>> edit) throws IOException {
    Path file = dir.resolve("model.safetensors");
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, NDArray> arrays = new LinkedHashMap<>();
      try (SafetensorsSource s = SafetensorsSource.open(file)) {
        for (String name : s.names()) {
          arrays.put(name, s.load(name, m).duplicate());
        }
      }
      edit.accept(arrays);
      SafetensorsWriter.write(file, new LinkedHashMap<>(arrays));
    }
  }
}
