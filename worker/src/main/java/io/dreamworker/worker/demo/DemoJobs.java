package io.dreamworker.worker.demo;

import io.dreamworker.model.shapes.Background;
import io.dreamworker.model.shapes.Captions;
import io.dreamworker.model.shapes.Instructions;
import io.dreamworker.model.shapes.Position;
import io.dreamworker.model.shapes.Scene;
import io.dreamworker.model.shapes.SceneRenderer;
import io.dreamworker.model.shapes.SceneSampler;
import io.dreamworker.model.shapes.Shape;
import io.dreamworker.model.shapes.ShapeColor;
import io.dreamworker.model.shapes.ShapeSpec;
import io.dreamworker.model.shapes.Size;
import io.dreamworker.model.shapes.Stories;
import io.dreamworker.schemas.CaptionJob;
import io.dreamworker.schemas.ImageInput;
import io.dreamworker.schemas.ImageParams;
import io.dreamworker.schemas.InterleavedJob;
import io.dreamworker.schemas.JobCodec;
import io.dreamworker.schemas.Scheduler;
import io.dreamworker.schemas.TextParams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo's sample jobs, drawn from the shapes world so that a reader can judge the answers: two
 * captions (one image read from S3, one inline), two text-to-image prompts, one illustrated story,
 * and two records that are not valid jobs (broken JSON, a schema violation) to show how bad input
 * ends up: a rejected event plus a dead letter, while the worker carries on.
 */
public final class DemoJobs {
  /** The kind of the records that are not valid jobs. */
  public static final String INVALID = "invalid";
  /** Few denoising steps: the demo shows the pipeline, not image quality at 50 steps. */
  public static final int STEPS = 20;
  /** The guidance the shapes bundle draws best with (DreamLLM's 7.5 overshoots its colours). */
  public static final double GUIDANCE = 2.0;
  /** Enough tokens for a caption or a short story of the shapes world. */
  public static final int MAX_NEW_TOKENS = 64;

  /**
   * One record the demo sends.
   *
   * @param id the job id (also the record key)
   * @param kind what it shows: caption, text_to_image, interleaved, or invalid
   * @param description one line for the summary
   * @param value the record value
   */
  public record DemoJob(String id, String kind, String description, byte[] value) {}

  /**
   * An input image the demo uploads before sending the jobs.
   *
   * @param key its key in the inputs bucket
   */
  public record InputImage(String key, byte[] png) {}

  private final List<DemoJob> jobs;
  private final List<InputImage> inputs;

  private DemoJobs(List<DemoJob> jobs, List<InputImage> inputs) {
    this.jobs = List.copyOf(jobs);
    this.inputs = List.copyOf(inputs);
  }

  /** The sample jobs, the same for the same seed; S3 inputs live in {@code inputBucket}. */
  public static DemoJobs create(long seed, String inputBucket) {
    JobCodec codec = new JobCodec();
    SceneSampler scenes = new SceneSampler(seed);
    SceneRenderer renderer = new SceneRenderer();
    TextParams text = TextParams.greedy(MAX_NEW_TOKENS);
    List<DemoJob> jobs = new ArrayList<>();
    List<InputImage> inputs = new ArrayList<>();

    Scene first = scenes.next(1);
    InputImage stored = new InputImage("shapes/scene-1.png", renderer.png(first));
    inputs.add(stored);
    jobs.add(new DemoJob("demo-caption-s3", "caption", "caption of s3://" + inputBucket + "/" + stored.key()
        + " (truth: " + Captions.caption(first) + ")",
        codec.encode(new CaptionJob("demo-caption-s3", new ImageInput.S3Uri("s3://" + inputBucket + "/" + stored.key()),
            Instructions.DESCRIBE, text, Optional.empty(), Map.of("demo", "caption-from-s3")))));

    // The object the schemas' own examples (schemas/.../examples/interleaved-job.json) point at, so
    // that they can be sent as they are to a demo started with --serve.
    inputs.add(new InputImage("shapes/blue-square.png", renderer.png(
        Scene.of(Background.WHITE, new ShapeSpec(Shape.SQUARE, ShapeColor.BLUE, Size.LARGE, Position.CENTER)))));

    Scene second = scenes.next(2);
    jobs.add(new DemoJob("demo-caption-inline", "caption", "caption of an inline image (truth: "
        + Captions.caption(second) + ")",
        codec.encode(new CaptionJob("demo-caption-inline", ImageInput.Base64.of(renderer.png(second)),
            Instructions.DESCRIBE, text, Optional.empty(), Map.of("demo", "caption-inline")))));

    for (int i = 1; i <= 2; i++) {
      String prompt = Instructions.draw(scenes.next(1)).prompt();
      String id = "demo-draw-" + i;
      jobs.add(new DemoJob(id, "text_to_image", prompt, codec.encode(new InterleavedJob(id, prompt, List.of(), 1, text,
          new ImageParams(STEPS, GUIDANCE, "", seed + i, Scheduler.DEFAULT, 0), Optional.empty(), Map.of()))));
    }

    String story = Instructions.story(new Stories(seed).next()).prompt();
    jobs.add(new DemoJob("demo-story", "interleaved", story, codec.encode(new InterleavedJob("demo-story", story,
        List.of(), 3, text, new ImageParams(STEPS, GUIDANCE, "", seed, Scheduler.DEFAULT, 0), Optional.empty(),
        Map.of("demo", "story")))));

    jobs.add(new DemoJob("demo-broken-json", INVALID, "a record cut off mid-JSON",
        "{\"type\": \"caption\", \"job_id\": \"demo-broken-json\", \"image\": {\"s3_uri\": "
            .getBytes(StandardCharsets.UTF_8)));
    jobs.add(new DemoJob("demo-bad-params", INVALID, "an interleaved job asking for 99 images (the limit is 16)",
        "{\"type\": \"interleaved\", \"job_id\": \"demo-bad-params\", \"prompt\": \"a red circle\", \"max_images\": 99}"
            .getBytes(StandardCharsets.UTF_8)));
    return new DemoJobs(jobs, inputs);
  }

  public List<DemoJob> jobs() {
    return jobs;
  }

  public List<InputImage> inputs() {
    return inputs;
  }
}
