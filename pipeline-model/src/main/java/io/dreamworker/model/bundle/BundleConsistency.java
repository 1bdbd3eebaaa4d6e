package io.dreamworker.model.bundle;

import io.dreamworker.model.diffusion.unet.UNetConfig;
import io.dreamworker.model.diffusion.vae.VaeConfig;
import io.dreamworker.model.dream.DreamConfig;
import io.dreamworker.model.llm.LlamaConfig;
import io.dreamworker.model.text.DreamTokenizer;
import io.dreamworker.model.vision.ClipVisionConfig;
import io.dreamworker.model.vision.preprocess.ClipImageProcessorConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The widths that must agree between a bundle's components: each rule names both keys and both
 * values, so a converter bug reads as what it is. All violations are reported at once.
 */
final class BundleConsistency {
  private BundleConsistency() {}

  static void check(Path dir, DreamTokenizer tokenizer, ClipImageProcessorConfig processor,
      ClipVisionConfig vision, LlamaConfig llm, DreamConfig dream, UNetConfig unet, VaeConfig vae) {
    List<String> problems = new ArrayList<>();
    if (processor.doCenterCrop()
        && (processor.cropHeight() != vision.imageSize() || processor.cropWidth() != vision.imageSize())) {
      problems.add("image_processor.crop_size " + processor.cropHeight() + "x" + processor.cropWidth()
          + " differs from vision.image_size " + vision.imageSize());
    }
    agree(problems, "dream.vision_hidden_size", dream.visionHiddenSize(), "vision.hidden_size", vision.hiddenSize());
    agree(problems, "dream.llm_hidden_size", dream.llmHiddenSize(), "llm.hidden_size", llm.hiddenSize());
    for (int level = 0; level < unet.crossAttentionDim().size(); level++) {
      if (unet.crossAttentionDim().get(level) != dream.conditionDim()) {
        problems.add("dream.condition_dim " + dream.conditionDim() + " differs from unet.cross_attention_dim "
            + unet.crossAttentionDim() + " at level " + level);
        break;
      }
    }
    agree(problems, "unet.in_channels", unet.inChannels(), "vae.latent_channels", vae.latentChannels());
    agree(problems, "unet.out_channels", unet.outChannels(), "vae.latent_channels", vae.latentChannels());
    int layers = vision.numHiddenLayers();
    int select = dream.visionSelectLayer();
    if (select < -(layers + 1) || select > layers) {
      problems.add("dream.vision_select_layer " + select + " is outside the " + (layers + 1)
          + " hidden states of vision.num_hidden_layers " + layers);
    }
    if (tokenizer.vocabSize() > llm.vocabSize()) {
      problems.add("the tokenizer has " + tokenizer.vocabSize() + " tokens but llm.vocab_size is "
          + llm.vocabSize() + " (resize the embeddings when adding tokens)");
    }
    if (!problems.isEmpty()) {
      throw new BundleException(dir + ": the components do not fit together: " + String.join("; ", problems));
    }
  }

  private static void agree(List<String> problems, String keyA, long a, String keyB, long b) {
    if (a != b) {
      problems.add(keyA + " " + a + " differs from " + keyB + " " + b);
    }
  }
}
