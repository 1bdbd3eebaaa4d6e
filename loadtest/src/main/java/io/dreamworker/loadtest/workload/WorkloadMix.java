package io.dreamworker.loadtest.workload;

import io.dreamworker.schemas.CaptionJob;
import io.dreamworker.schemas.ImageInput;
import io.dreamworker.schemas.ImageParams;
import io.dreamworker.schemas.InterleavedJob;
import io.dreamworker.schemas.Job;
import io.dreamworker.schemas.JobCodec;
import io.dreamworker.schemas.Scheduler;
import io.dreamworker.schemas.TextParams;
import io.dreamworker.model.shapes.Captions;
import io.dreamworker.model.shapes.Scene;
import io.dreamworker.model.shapes.SceneRenderer;
import io.dreamworker.model.shapes.SceneSampler;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * A mix of jobs by kind, with the sizes of each drawn from ranges, generated from a seed: the same
 * seed gives the same jobs, byte for byte, so two runs (or two modes of one run) see one workload.
 *
 * @param captionWeight relative share of caption jobs
 * @param textToImageWeight relative share of text-to-image jobs
 * @param interleavedWeight relative share of interleaved (story) jobs
 * @param maxNewTokens the range of {@code text.max_new_tokens}, inclusive
 * @param steps the range of {@code image.steps}, inclusive
 * @param maxImages the range of an interleaved job's {@code max_images}, inclusive
 * @param guidanceScale classifier-free guidance of every drawing (above 1, each step runs two rows)
 */
public record WorkloadMix(double captionWeight, double textToImageWeight, double interleavedWeight,
    IntRange maxNewTokens, IntRange steps, IntRange maxImages, double guidanceScale) {

  /** An inclusive range of ints. */
  public record IntRange(int min, int max) {
    public IntRange {
      if (min < 1 || max < min) {
        throw new IllegalArgumentException("a range needs 1 <= min <= max, got " + min + ".." + max);
      }
    }

    int draw(Random random) {
      return min + random.nextInt(max - min + 1);
    }

    @Override
    public String toString() {
      return min == max ? Integer.toString(min) : min + ".." + max;
    }
  }

  /** The subjects of stories (the shapes world's grammar, so that a shapes bundle reads them). */
  private static final List<String> SUBJECTS = List.of("a red circle", "a blue square", "a green triangle",
      "a yellow circle", "a purple square", "an orange triangle");
  private static final SceneRenderer RENDERER = new SceneRenderer();

  public WorkloadMix {
    if (captionWeight < 0 || textToImageWeight < 0 || interleavedWeight < 0
        || captionWeight + textToImageWeight + interleavedWeight <= 0) {
      throw new IllegalArgumentException("the kinds' weights must be at least 0 and not all 0, got caption "
          + captionWeight + ", text_to_image " + textToImageWeight + ", interleaved " + interleavedWeight);
    }
    Objects.requireNonNull(maxNewTokens, "maxNewTokens");
    Objects.requireNonNull(steps, "steps");
    Objects.requireNonNull(maxImages, "maxImages");
    if (guidanceScale < 0) {
      throw new IllegalArgumentException("guidanceScale must be at least 0, got " + guidanceScale);
    }
  }

  /**
   * Small jobs of every kind (tens of milliseconds each on a tiny random bundle): for the chaos
   * harness and the tests, where what matters is how many jobs cross the system, not their pictures.
   */
  public static WorkloadMix small() {
    return new WorkloadMix(0.4, 0.4, 0.2, new IntRange(4, 12), new IntRange(3, 8), new IntRange(1, 2), 2);
  }

  /**
   * Jobs as the shapes bundle serves them in use (the demo's and the evaluation's sizes): captions
   * of up to a few dozen tokens (the bundle's captions end by themselves after about 15), drawings
   * of 15 to 25 denoising steps with guidance 2, stories of one or two pictures.
   */
  public static WorkloadMix shapes() {
    return new WorkloadMix(0.4, 0.4, 0.2, new IntRange(24, 48), new IntRange(15, 25), new IntRange(1, 2), 2);
  }

  /** How the mix reads in a report: {@code caption 40%, text_to_image 40%, interleaved 20%; ...}. */
  public String describe() {
    double total = captionWeight + textToImageWeight + interleavedWeight;
    return String.format(java.util.Locale.ROOT,
        "caption %.0f%%, text_to_image %.0f%%, interleaved %.0f%%; max_new_tokens %s, steps %s, max_images %s, guidance %s",
        100 * captionWeight / total, 100 * textToImageWeight / total, 100 * interleavedWeight / total,
        maxNewTokens, steps, maxImages, guidanceScale);
  }

  /**
   * {@code count} jobs, ids {@code prefix-000001} on, kinds and sizes drawn from {@code seed}: the
   * first {@code count} of {@link #stream}.
   */
  public List<JobSpec> jobs(String prefix, int count, long seed) {
    Iterator<JobSpec> stream = stream(prefix, seed);
    List<JobSpec> jobs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      jobs.add(stream.next());
    }
    return jobs;
  }

  /**
   * An endless stream of jobs, ids {@code prefix-000001} on, drawn from {@code seed} as they are
   * taken: what a load generator sends for as long as a step lasts. Not thread-safe.
   */
  public Iterator<JobSpec> stream(String prefix, long seed) {
    Random random = new Random(seed);
    JobCodec codec = new JobCodec();
    return new Iterator<>() {
      private int next = 1;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public JobSpec next() {
        String id = String.format(java.util.Locale.ROOT, "%s-%06d", prefix, next++);
        JobKind kind = kind(random);
        return new JobSpec(id, kind, codec.encode(job(id, kind, random, Map.of())), Optional.empty());
      }
    };
  }

  /**
   * A poison job: a caption (its fault strikes in generation, before any output) asking the
   * worker for {@code fault}, which workers honour only with {@code testing.fault-injection} on.
   */
  public JobSpec poison(String jobId, String fault, long seed) {
    Random random = new Random(seed);
    Job job = job(jobId, JobKind.CAPTION, random, Map.of("dw-fault", fault));
    return new JobSpec(jobId, JobKind.CAPTION, new JobCodec().encode(job), Optional.of(fault));
  }

  private JobKind kind(Random random) {
    double total = captionWeight + textToImageWeight + interleavedWeight;
    double x = random.nextDouble() * total;
    if (x < captionWeight) {
      return JobKind.CAPTION;
    }
    return x < captionWeight + textToImageWeight ? JobKind.TEXT_TO_IMAGE : JobKind.INTERLEAVED;
  }

  private Job job(String id, JobKind kind, Random random, Map<String, String> metadata) {
    long seed = random.nextLong();
    TextParams text = new TextParams(maxNewTokens.draw(random), 0, 0, 1, 1, seed);
    ImageParams image = new ImageParams(steps.draw(random), guidanceScale, "", seed, Scheduler.DEFAULT, 0);
    String subject = SUBJECTS.get(random.nextInt(SUBJECTS.size()));
    // A picture and a caption of the shapes world (one or two shapes): what a shapes bundle was
    // trained on, so its captions and drawings are as long as in use; any bundle takes them.
    Scene scene = new SceneSampler(random.nextLong()).next();
    return switch (kind) {
      case CAPTION -> new CaptionJob(id, ImageInput.Base64.of(RENDERER.png(scene)), CaptionJob.DEFAULT_INSTRUCTION,
          text, Optional.empty(), metadata);
      case TEXT_TO_IMAGE -> new InterleavedJob(id, "draw " + Captions.caption(scene) + ".", List.of(), 1, text,
          image, Optional.empty(), metadata);
      case INTERLEAVED -> new InterleavedJob(id, "write a short story with pictures about " + subject + ".",
          List.of(), maxImages.draw(random), text, image, Optional.empty(), metadata);
    };
  }

}
