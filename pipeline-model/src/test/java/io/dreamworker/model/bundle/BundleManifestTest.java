package io.dreamworker.model.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleManifestTest {
  @TempDir Path dir;
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writtenManifest_readsBackEqual() throws IOException {
    var config = JSON.createObjectNode().put("hidden_size", 8);
    var manifest = new BundleManifest(1, "tiny", "seed-1", "tokenizer.json", List.of("model.safetensors"),
        Map.of("llm", new ComponentSpec("llama_causal_lm", "llm.", config),
            "scheduler", new ComponentSpec("scheduler_ddpm", "", JSON.createObjectNode())));
    manifest.write(dir);
    BundleManifest read = BundleManifest.read(dir);
    assertThat(read.name()).isEqualTo("tiny");
    assertThat(read.component("llm").config().path("hidden_size").asInt()).isEqualTo(8);
    assertThat(read.component("llm").prefix()).isEqualTo("llm.");
    assertThat(read.component("scheduler").prefix()).isEmpty();
    assertThat(read.missingRoles()).contains("vision", "unet", "vae");
  }

  @Test
  void directoryWithoutManifest_isNotABundle() {
    assertThatThrownBy(() -> BundleManifest.read(dir))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("is not a model bundle: it has no bundle.json");
  }

  @Test
  void otherFormatVersion_isRefusedWithBothVersions() throws IOException {
    Files.writeString(dir.resolve("bundle.json"), "{\"format_version\": 2}");
    assertThatThrownBy(() -> BundleManifest.read(dir))
        .hasMessageContaining("format_version is 2, this dreamworker reads format_version 1");
  }

  @Test
  void unknownRoleAndMissingKind_areNamed() throws IOException {
    Files.writeString(dir.resolve("bundle.json"), """
        {"format_version": 1, "name": "x", "version": "1", "tokenizer": "t.json",
         "weights": ["m.safetensors"], "components": {"text_encoder": {"kind": "clip_text", "config": {}}}}""");
    assertThatThrownBy(() -> BundleManifest.read(dir))
        .hasMessageContaining("unknown component role 'text_encoder'");
    Files.writeString(dir.resolve("bundle.json"), """
        {"format_version": 1, "name": "x", "version": "1", "tokenizer": "t.json",
         "weights": ["m.safetensors"], "components": {"llm": {"config": {}}}}""");
    assertThatThrownBy(() -> BundleManifest.read(dir))
        .hasMessageContaining("'components.llm.kind' must be a non-empty string");
  }

  @Test
  void missingComponent_namesTheRoleAndThosePresent() throws IOException {
    var manifest = new BundleManifest(1, "tiny", "1", "tokenizer.json", List.of("m.safetensors"),
        Map.of("llm", new ComponentSpec("llama_causal_lm", "llm.", JSON.createObjectNode())));
    assertThatThrownBy(() -> manifest.component("unet"))
        .hasMessage("bundle 'tiny' has no 'unet' component (it has [llm])");
  }

  @Test
  void malformedJson_namesTheFile() throws IOException {
    Files.writeString(dir.resolve("bundle.json"), "{");
    assertThatThrownBy(() -> BundleManifest.read(dir))
        .isInstanceOf(BundleException.class)
        .hasMessageContaining("bundle.json cannot be read");
  }
}
