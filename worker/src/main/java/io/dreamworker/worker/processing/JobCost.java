package io.dreamworker.worker.processing;

import io.dreamworker.schemas.CaptionJob;
import io.dreamworker.schemas.ImageParams;
import io.dreamworker.schemas.InterleavedJob;
import io.dreamworker.schemas.Job;

/**
 * A job's estimated cost, for the worker's in-flight bound ({@code kafka.max-in-flight-cost}): the
 * model passes its worst case needs, one unit per LLM decoding step of its sequence and one per
 * denoising step of one latent row (two rows with classifier-free guidance), plus one per image it
 * encodes. The estimate is from the job's parameters alone, before any work, so it is an upper
 * bound (a caption may stop before {@code max_new_tokens}, a story may draw fewer than
 * {@code max_images}); what a unit costs in time depends on the bundle and the device, which is why
 * the bound is configured per deployment.
 */
public final class JobCost {
  private JobCost() {}

  /** The cost of {@code job}, at least 1. */
  public static long of(Job job) {
    return switch (job) {
      case CaptionJob caption -> 1 + caption.text().maxNewTokens();
      case InterleavedJob story when JobRequests.isTextToImage(story) -> 1 + imageCost(story.image());
      case InterleavedJob story -> story.images().size() + story.text().maxNewTokens()
          + (long) story.maxImages() * (imageCost(story.image()) + 1);
    };
  }

  private static long imageCost(ImageParams image) {
    return (long) image.steps() * (image.guidanceScale() > 1 ? 2 : 1);
  }
}
