package io.dreamworker.model.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dreamworker.model.config.ReferenceJson;
import io.dreamworker.model.diffusion.scheduler.Scheduler;
import io.dreamworker.model.diffusion.scheduler.Schedulers;
import io.dreamworker.model.generation.SchedulerFamily;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The samplers a request may choose, each built on the bundle's own noise schedule (the fields
 * that define the training process are copied; the sampler-specific ones take diffusers'
 * defaults), so that DDIM and DPM-Solver++ sample the same model DreamLLM samples with DDPM.
 */
final class SchedulerFamilies {
  /** The fields of a scheduler config that describe the training noise process. */
  private static final List<String> SHARED = List.of("num_train_timesteps", "beta_start", "beta_end",
      "beta_schedule", "trained_betas", "prediction_type", "steps_offset", "timestep_spacing",
      "rescale_betas_zero_snr", "clip_sample", "set_alpha_to_one");

  private SchedulerFamilies() {}

  static Map<SchedulerFamily, Scheduler> forBundle(JsonNode base, Scheduler bundleDefault) {
    Map<SchedulerFamily, Scheduler> out = new EnumMap<>(SchedulerFamily.class);
    out.put(SchedulerFamily.DEFAULT, bundleDefault);
    for (SchedulerFamily f : SchedulerFamily.values()) {
      if (f == SchedulerFamily.DEFAULT) {
        continue;
      }
      ObjectNode config = ReferenceJson.mapper().createObjectNode().put("_class_name", f.diffusersClass());
      for (String key : SHARED) {
        if (base.has(key) && !(f == SchedulerFamily.DPM_SOLVER && (key.equals("clip_sample") || key.equals("set_alpha_to_one")))) {
          config.set(key, base.get(key));
        }
      }
      out.put(f, Schedulers.fromJson(config));
    }
    return out;
  }
}
