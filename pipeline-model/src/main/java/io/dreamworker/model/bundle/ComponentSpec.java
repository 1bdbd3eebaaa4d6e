package io.dreamworker.model.bundle;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One component of a bundle as {@code bundle.json} declares it.
 *
 * @param kind what the component is, in the fixtures' vocabulary ({@code clip_vision_model},
 *     {@code llama_causal_lm}, {@code unet_2d_condition}, {@code autoencoder_kl}, ...)
 * @param prefix the prefix of its tensors in the bundle's safetensors files, such as
 *     {@code "unet."}; empty for components without weights
 * @param config the reference implementation's own config, with its own field names
 */
public record ComponentSpec(String kind, String prefix, JsonNode config) {}
