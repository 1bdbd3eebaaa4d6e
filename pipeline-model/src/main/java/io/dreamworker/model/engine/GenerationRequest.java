package io.dreamworker.model.engine;

import io.dreamworker.model.generation.ImageParams;
import io.dreamworker.model.pipeline.PromptLayout;
import java.util.List;

/** What a caller asks of the engine: the three request kinds DreamLLM serves. */
public sealed interface GenerationRequest {

  /**
   * An image and an instruction to text (comprehension).
   *
   * @param image PNG or JPEG bytes
   * @param instruction the user's request, such as "describe the image"
   */
  record Caption(byte[] image, String instruction, TextParams text) implements GenerationRequest {
    public Caption {
      require(image != null && image.length > 0, "caption needs an image");
      require(instruction != null, "instruction must not be null (use \"\" for none)");
      require(text != null, "text params must not be null");
    }
  }

  /**
   * A prompt to one image (creation): DreamLLM's text-to-image, the raw prompt followed by the
   * dream queries.
   */
  record TextToImage(String prompt, ImageParams image) implements GenerationRequest {
    public TextToImage {
      require(prompt != null, "prompt must not be null");
      require(image != null, "image params must not be null");
    }
  }

  /**
   * A prompt (and input images) to a document of text and generated images, the model deciding
   * where images go by emitting {@code <dream>}.
   *
   * @param prompt the user's request; {@code <image>} marks where each input image goes
   * @param images PNG or JPEG bytes, one per {@code <image>}
   * @param maxImages images to generate at most; a further {@code <dream>} ends the document
   * @param image parameters of the first image; the n-th image uses seed + n
   */
  record Interleaved(String prompt, List<byte[]> images, int maxImages, TextParams text, ImageParams image)
      implements GenerationRequest {
    public Interleaved {
      require(prompt != null, "prompt must not be null");
      images = List.copyOf(images);
      require(maxImages >= 0, "max_images must not be negative, got " + maxImages);
      require(text != null && image != null, "text and image params must not be null");
      int slots = prompt.split(PromptLayout.IMAGE_PLACEHOLDER, -1).length - 1;
      require(slots == images.size(), "the prompt has " + slots + " " + PromptLayout.IMAGE_PLACEHOLDER
          + " slots but " + images.size() + " images were given");
    }
  }

  /** Argument checks of the records above. */
  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
