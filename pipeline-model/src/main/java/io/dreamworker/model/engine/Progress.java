package io.dreamworker.model.engine;

import io.dreamworker.model.image.RgbImage;

/** What a request's listener hears while it runs, on the engine thread (listeners must be quick). */
public sealed interface Progress {
  long requestId();

  /** One generated token (special tokens included, as ids). */
  record Token(long requestId, int tokenId, int index) implements Progress {}

  /** One generated image, before the request completes. */
  record ImageDone(long requestId, int index, RgbImage image) implements Progress {}
}
