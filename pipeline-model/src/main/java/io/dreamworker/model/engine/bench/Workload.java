package io.dreamworker.model.engine.bench;

import io.dreamworker.model.engine.GenerationRequest;
import io.dreamworker.model.engine.TextParams;
import io.dreamworker.model.generation.ImageParams;
import io.dreamworker.model.generation.SamplingParams;
import io.dreamworker.model.generation.SchedulerFamily;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * A mixed, seeded workload: captions, text-to-image and interleaved requests in a fixed shuffled
 * order, with varied output lengths, step counts, samplers and guidance, so that request lengths
 * differ as they do in production (which is what request-level batching handles badly).
 */
public final class Workload {
  private Workload() {}

  /**
   * @param requests how many requests
   * @param seed fixes every choice
   * @param imageSize the side of the input images
   */
  public static List<GenerationRequest> mixed(int requests, long seed, int imageSize) {
    SplittableRandom random = new SplittableRandom(seed);
    List<GenerationRequest> out = new ArrayList<>();
    String[] shapes = {"circle", "square", "triangle"};
    String[] colors = {"red", "green", "blue", "yellow", "purple", "orange"};
    for (int i = 0; i < requests; i++) {
      String subject = "a " + colors[random.nextInt(colors.length)] + " " + shapes[random.nextInt(shapes.length)];
      SamplingParams sampling = new SamplingParams(0.9, 40, 0.95, 1.0, random.nextLong());
      ImageParams image = new ImageParams(8 + random.nextInt(17), random.nextBoolean() ? 3.5 : 7.5,
          "", random.nextLong(), random.nextInt(3) == 0 ? SchedulerFamily.DPM_SOLVER : SchedulerFamily.DEFAULT, 0);
      switch (i % 3) {
        case 0 -> out.add(new GenerationRequest.Caption(png(random, imageSize), "describe the image",
            new TextParams(8 + random.nextInt(57), sampling)));
        case 1 -> out.add(new GenerationRequest.TextToImage(subject + " on a white background", image));
        default -> out.add(new GenerationRequest.Interleaved("write a short story with pictures about " + subject,
            List.of(), 1 + random.nextInt(2), new TextParams(16 + random.nextInt(49), sampling), image));
      }
    }
    return out;
  }

  private static byte[] png(SplittableRandom random, int size) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(random.nextBoolean() ? Color.WHITE : Color.BLACK);
    g.fillRect(0, 0, size, size);
    g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
    int s = size / 4 + random.nextInt(size / 3);
    g.fillOval(random.nextInt(size - s), random.nextInt(size - s), s, s);
    g.dispose();
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ImageIO.write(image, "png", bytes);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
