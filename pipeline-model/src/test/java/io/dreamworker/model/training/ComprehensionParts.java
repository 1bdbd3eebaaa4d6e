package io.dreamworker.model.training;

import ai.djl.ndarray.NDManager;
import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.dream.DreamConfig;
import io.dreamworker.model.dream.DreamParts;
import io.dreamworker.model.llm.LlamaConfig;
import io.dreamworker.model.llm.LlamaForCausalLM;
import io.dreamworker.model.text.DreamTokenizer;
import io.dreamworker.model.vision.ClipVisionConfig;
import io.dreamworker.model.vision.ClipVisionModel;
import io.dreamworker.model.vision.preprocess.ClipImageProcessor;
import io.dreamworker.model.vision.preprocess.ClipImageProcessorConfig;
import io.dreamworker.model.vision.preprocess.ImageLimits;
import io.dreamworker.model.weights.Weights;
import java.util.List;

/**
 * The shapes preset's CLIP tower, dream parts and LLM at seeded initial weights, with the captioning stage over
 * them: what the tests of the stages that caption start from.
 */
record ComprehensionParts(TrainableParameters vision, TrainableParameters dream, TrainableParameters llm,
    DreamParts dreamParts, LlamaForCausalLM llmModel, CaptionTraining caption) {

  static ComprehensionParts initial(NDManager m, DreamTokenizer tokenizer) {
    BundlePreset preset = BundlePreset.SHAPES;
    ClipVisionConfig vc = ClipVisionConfig.fromJson(preset.visionConfig());
    DreamConfig dc = DreamConfig.fromJson(preset.dreamConfig());
    LlamaConfig lc = LlamaConfig.fromJson(preset.llmConfig(ShapesVocabulary.size()));
    TrainableParameters v = TrainableParameters.initialise(m, 1, w -> ClipVisionModel.load(w.child("vision_model"), vc));
    TrainableParameters d = TrainableParameters.initialise(m, 2, w -> DreamParts.load(dc, w));
    TrainableParameters l = TrainableParameters.initialise(m, 3, w -> LlamaForCausalLM.load(lc, w));
    DreamParts dream = DreamParts.load(dc, Weights.of(d, m));
    LlamaForCausalLM llm = LlamaForCausalLM.load(lc, Weights.of(l, m));
    CaptionTraining caption = new CaptionTraining(ClipVisionModel.load(Weights.of(v, m).child("vision_model"), vc),
        dream, llm,
        new ClipImageProcessor(ClipImageProcessorConfig.fromJson(preset.imageProcessorConfig()), ImageLimits.DEFAULT),
        tokenizer, List.of(v, d, l));
    return new ComprehensionParts(v, d, l, dream, llm, caption);
  }

  List<TrainableParameters> parameters() {
    return List.of(vision, dream, llm);
  }
}
