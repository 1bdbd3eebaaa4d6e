package io.dreamworker.model.vision.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dreamworker.model.vision.preprocess.ClipImageProcessorConfig.Exact;
import io.dreamworker.model.vision.preprocess.ClipImageProcessorConfig.ShortestEdge;
import org.junit.jupiter.api.Test;

class ClipImageProcessorConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void openAiPreprocessorConfig_equalsTheDefaults() throws Exception {
    ClipImageProcessorConfig c = ClipImageProcessorConfig.fromJson(JSON.readTree("""
        {"crop_size": {"height": 224, "width": 224}, "do_center_crop": true, "do_convert_rgb": true,
         "do_normalize": true, "do_rescale": true, "do_resize": true,
         "image_mean": [0.48145466, 0.4578275, 0.40821073],
         "image_processor_type": "CLIPImageProcessor",
         "image_std": [0.26862954, 0.26130258, 0.27577711], "resample": 3,
         "rescale_factor": 0.00392156862745098, "size": {"shortest_edge": 224}}"""));

    assertThat(c).isEqualTo(ClipImageProcessorConfig.defaults());
  }

  @Test
  void oldStyleNumbers_areTheShortestEdgeAndASquareCrop() throws Exception {
    ClipImageProcessorConfig c =
        ClipImageProcessorConfig.fromJson(JSON.readTree("{\"size\": 336, \"crop_size\": 336}"));

    assertThat(c.size()).isEqualTo(new ShortestEdge(336));
    assertThat(c.cropHeight()).isEqualTo(336);
    assertThat(c.cropWidth()).isEqualTo(336);
  }

  @Test
  void heightAndWidth_areAnExactResize() throws Exception {
    ClipImageProcessorConfig c = ClipImageProcessorConfig.fromJson(
        JSON.readTree("{\"size\": {\"height\": 256, \"width\": 192}, \"resample\": 2}"));

    assertThat(c.size()).isEqualTo(new Exact(256, 192));
    assertThat(c.resample()).isEqualTo(ResampleFilter.BILINEAR);
  }

  @Test
  void nearestResample_isRefusedWithTheSupportedCodes() {
    assertThatThrownBy(() -> ClipImageProcessorConfig.fromJson(JSON.readTree("{\"resample\": 0}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resample 0")
        .hasMessageContaining("3 (BICUBIC");
  }

  @Test
  void longestEdgeSize_isRefused() {
    assertThatThrownBy(() -> ClipImageProcessorConfig.fromJson(
            JSON.readTree("{\"size\": {\"shortest_edge\": 224, \"longest_edge\": 300}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("longest_edge");
  }

  @Test
  void zeroStd_isRefused() {
    assertThatThrownBy(() -> ClipImageProcessorConfig.fromJson(
            JSON.readTree("{\"image_std\": [0.2, 0, 0.2]}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("image_std");
  }

  @Test
  void twoChannelMean_isRefusedNamingTheCounts() {
    assertThatThrownBy(() -> ClipImageProcessorConfig.fromJson(
            JSON.readTree("{\"image_mean\": [0.5, 0.5]}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 2 and 3");
  }

  @Test
  void arrays_areCopiedSoTheRecordStaysImmutable() {
    ClipImageProcessorConfig c = ClipImageProcessorConfig.defaults();

    c.imageMean()[0] = 99;

    assertThat(c.imageMean()[0]).isEqualTo(0.48145466);
  }
}
