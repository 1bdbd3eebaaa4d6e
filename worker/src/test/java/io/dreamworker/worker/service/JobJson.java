package io.dreamworker.worker.service;

import java.time.Duration;

/**
 * Job records as a client writes them: JSON text, not the project's codec, so that the tests
 * exercise the wire contract as documented. Costs are kept small (few steps and tokens) so that a
 * job takes well under a second on a CPU once the JIT has warmed up.
 */
final class JobJson {
  /** Few denoising steps: the tests check the pipeline, not the pictures. */
  static final int STEPS = 4;
  /** Few tokens, for the same reason. */
  static final int MAX_NEW_TOKENS = 16;
  /** Long enough for the first jobs of a JVM, which pay for the JIT, on a loaded 2-core machine. */
  static final Duration EVENT_TIMEOUT = Duration.ofSeconds(120);

  private JobJson() {}

  /** A caption job of at most {@link #MAX_NEW_TOKENS} tokens; {@code image} is its image input's JSON. */
  static String caption(String id, String image) {
    return caption(id, image, MAX_NEW_TOKENS);
  }

  static String caption(String id, String image, int maxNewTokens) {
    return """
        {"job_id": "%s", "type": "caption", "image": %s, "text": {"max_new_tokens": %d}}"""
        .formatted(id, image, maxNewTokens);
  }

  /** A text-to-image job (interleaved, one image, no input images) of {@code steps} denoising steps. */
  static String draw(String id, int steps) {
    return """
        {"job_id": "%s", "type": "interleaved", "prompt": "draw a yellow circle.", "max_images": 1,
         "image": {"steps": %d}}""".formatted(id, steps);
  }

  /** An image input in the record itself. */
  static String inline(byte[] png) {
    return "{\"base64\": \"" + ShapePngs.base64(png) + "\"}";
  }

  /** An image input read from S3. */
  static String s3(String uri) {
    return "{\"s3_uri\": \"" + uri + "\"}";
  }
}
