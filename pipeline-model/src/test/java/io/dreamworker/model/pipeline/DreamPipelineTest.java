package io.dreamworker.model.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.bundle.ModelBundle;
import io.dreamworker.model.bundle.RandomBundles;
import io.dreamworker.model.generation.Document;
import io.dreamworker.model.generation.ImageParams;
import io.dreamworker.model.generation.SamplingParams;
import io.dreamworker.model.image.RgbImage;
import io.dreamworker.model.vision.preprocess.ImageRejectedException;
import io.dreamworker.model.weights.SafetensorsSource;
import io.dreamworker.model.weights.SafetensorsWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DreamPipelineTest {
  static final ImageParams IMAGE = new ImageParams(4, 3.5, "", 11);
  @TempDir static Path dir;
  static ModelBundle bundle;
  static DreamPipeline pipeline;

  @BeforeAll
  static void load() throws IOException {
    RandomBundles.write(dir.resolve("tiny"), BundlePreset.TINY, 5);
    bundle = ModelBundle.load(dir.resolve("tiny"));
    pipeline = new DreamPipeline(bundle);
  }

  @AfterAll
  static void close() {
    bundle.close();
  }

  @Test
  void textToImage_isAFunctionOfPromptAndSeed() {
    RgbImage a = pipeline.textToImage("a red circle", IMAGE);
    RgbImage b = pipeline.textToImage("a red circle", IMAGE);
    assertThat(a.width()).isEqualTo(BundlePreset.TINY.imageSize());
    assertThat(a.height()).isEqualTo(BundlePreset.TINY.imageSize());
    assertThat(b.rgb()).isEqualTo(a.rgb());
    assertThat(pipeline.textToImage("a red circle", new ImageParams(4, 3.5, "", 12)).rgb()).isNotEqualTo(a.rgb());
    assertThat(pipeline.textToImage("a blue square", IMAGE).rgb()).isNotEqualTo(a.rgb());
  }

  @Test
  void guidance_changesTheImage_unguidedSkipsTheNegativePass() {
    RgbImage guided = pipeline.textToImage("a red circle", IMAGE);
    RgbImage unguided = pipeline.textToImage("a red circle", new ImageParams(4, 1, "", 11));
    RgbImage negative = pipeline.textToImage("a red circle", new ImageParams(4, 3.5, "blurry", 11));
    assertThat(unguided.rgb()).isNotEqualTo(guided.rgb());
    assertThat(negative.rgb()).isNotEqualTo(guided.rgb());
  }

  @Test
  void caption_ofAnImage_isDeterministicWhenGreedyAndDependsOnTheImage() throws Exception {
    byte[] red = png(0xdc2828);
    byte[] blue = png(0x2850dc);
    String first = pipeline.caption(red, "describe the image", 12, SamplingParams.GREEDY);
    assertThat(pipeline.caption(red, "describe the image", 12, SamplingParams.GREEDY)).isEqualTo(first);
    // A random model's text is noise, but its conditioning on the image must be real.
    assertThat(pipeline.caption(blue, "describe the image", 12, SamplingParams.GREEDY)).isNotEqualTo(first);
  }

  @Test
  void sampling_isAFunctionOfTheSeed() throws Exception {
    byte[] red = png(0xdc2828);
    SamplingParams s1 = new SamplingParams(1.0, 0, 1, 1, 1);
    String a = pipeline.caption(red, "describe", 16, s1);
    assertThat(pipeline.caption(red, "describe", 16, s1)).isEqualTo(a);
    assertThat(pipeline.caption(red, "describe", 16, new SamplingParams(1.0, 0, 1, 1, 2))).isNotEqualTo(a);
  }

  @Test
  void notAnImage_isRejectedBeforeTheModelRuns() {
    assertThatThrownBy(() -> pipeline.caption(new byte[] {1, 2, 3}, "describe", 4, SamplingParams.GREEDY))
        .isInstanceOf(ImageRejectedException.class);
  }

  @Test
  void promptWithMorePlaceholdersThanImages_isRefused() {
    assertThatThrownBy(() -> pipeline.interleaved("<image> and <image>", List.of(png(0)), 1, 4,
        SamplingParams.GREEDY, IMAGE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 <image> placeholders but 1 images");
  }

  @Test
  void interleaved_drawsAtEveryDreamUpToMaxImages_andFeedsEachImageBack() throws Exception {
    // A bundle whose LLM always emits <dream>: the final norm is zeroed, so every logit is 0 and
    // greedy decoding takes the lowest id, which this tokenizer gives to <dream>.
    Path always = dir.resolve("always-dreams");
    RandomBundles.write(always, BundlePreset.TINY, 5);
    swapTokenIds(always.resolve("tokenizer.json"), "<unk>", "<dream>");
    zeroTensor(always.resolve("model.safetensors"), "llm.model.norm.weight");
    try (ModelBundle b = ModelBundle.load(always)) {
      DreamPipeline p = new DreamPipeline(b);
      Document doc = p.interleaved("tell a story with <image>", List.of(png(0x28aa3c)), 2, 50,
          SamplingParams.GREEDY, IMAGE);
      assertThat(doc.images()).hasSize(2);
      assertThat(doc.segments()).allMatch(s -> s instanceof Document.Image);
      // Consecutive images use consecutive seeds, and each differs from the other.
      assertThat(doc.images().get(0).rgb()).isNotEqualTo(doc.images().get(1).rgb());
      assertThat(p.interleaved("tell a story with <image>", List.of(png(0x28aa3c)), 0, 50,
          SamplingParams.GREEDY, IMAGE).segments()).isEmpty();
    }
  }

  @Test
  void calls_releaseEveryArrayTheyCreate() throws Exception {
    pipeline.textToImage("warm up", IMAGE);
    long before = bundle.manager().getManagedArrays().size();
    for (int i = 0; i < 3; i++) {
      pipeline.textToImage("a red circle", IMAGE);
      pipeline.caption(png(0xdc2828), "describe", 4, SamplingParams.GREEDY);
      pipeline.interleaved("a story about <image>", List.of(png(0x2850dc)), 1, 4, SamplingParams.GREEDY, IMAGE);
    }
    assertThat(bundle.manager().getManagedArrays().size()).isEqualTo(before);
  }

  static byte[] png(int rgb) {
    var image = new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 30; y++) {
      for (int x = 0; x < 40; x++) {
        image.setRGB(x, y, x < 20 ? rgb : 0xffffff);
      }
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void swapTokenIds(Path tokenizer, String a, String b) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(Files.readString(tokenizer));
    ObjectNode vocab = (ObjectNode) root.path("model").path("vocab");
    int ia = vocab.get(a).asInt();
    int ib = vocab.get(b).asInt();
    vocab.put(a, ib);
    vocab.put(b, ia);
    for (JsonNode t : root.path("added_tokens")) {
      String content = t.path("content").asText();
      if (content.equals(a)) {
        ((ObjectNode) t).put("id", ib);
      } else if (content.equals(b)) {
        ((ObjectNode) t).put("id", ia);
      }
    }
    Files.writeString(tokenizer, json.writeValueAsString(root));
  }

  private static void zeroTensor(Path file, String name) throws IOException {
    try (NDManager m = NDManager.newBaseManager()) {
      Map<String, NDArray> arrays = new LinkedHashMap<>();
      try (SafetensorsSource s = SafetensorsSource.open(file)) {
        for (String n : s.names()) {
          NDArray a = s.load(n, m).duplicate();
          arrays.put(n, n.equals(name) ? a.zerosLike() : a);
        }
      }
      SafetensorsWriter.write(file, arrays);
    }
  }
}
