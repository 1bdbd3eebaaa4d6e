package io.dreamworker.model.engine;

import io.dreamworker.model.generation.Document;
import io.dreamworker.model.image.RgbImage;

/** What a request produced, with its timings. */
public sealed interface GenerationResult {
  RequestTimings timings();

  /** Tokens the request generated. */
  int generatedTokens();

  /** A caption's text. */
  record Caption(String text, int generatedTokens, RequestTimings timings) implements GenerationResult {}

  /** A text-to-image request's image. */
  record Image(RgbImage image, RequestTimings timings) implements GenerationResult {
    @Override
    public int generatedTokens() {
      return 0;
    }
  }

  /** An interleaved document. */
  record Interleaved(Document document, int generatedTokens, RequestTimings timings) implements GenerationResult {}
}
