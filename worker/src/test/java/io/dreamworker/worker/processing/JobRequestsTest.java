package io.dreamworker.worker.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.model.engine.GenerationRequest;
import io.dreamworker.model.generation.SchedulerFamily;
import io.dreamworker.schemas.CaptionJob;
import io.dreamworker.schemas.ImageInput;
import io.dreamworker.schemas.ImageParams;
import io.dreamworker.schemas.InterleavedJob;
import io.dreamworker.schemas.Scheduler;
import io.dreamworker.schemas.TextParams;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobRequestsTest {
  private static final byte[] IMAGE = {1, 2, 3};

  @Test
  void captionJob_becomesACaptionRequestWithItsSampling() {
    CaptionJob job = new CaptionJob("c", ImageInput.Base64.of(IMAGE), "what is this?",
        new TextParams(32, 0.7, 40, 0.9, 1.1, 5), Optional.empty(), Map.of());
    GenerationRequest.Caption request = (GenerationRequest.Caption) JobRequests.of(job, List.of(IMAGE));
    assertThat(request.image()).isEqualTo(IMAGE);
    assertThat(request.instruction()).isEqualTo("what is this?");
    assertThat(request.text().maxNewTokens()).isEqualTo(32);
    assertThat(request.text().sampling().temperature()).isEqualTo(0.7);
    assertThat(request.text().sampling().topK()).isEqualTo(40);
    assertThat(request.text().sampling().seed()).isEqualTo(5);
    assertThat(JobRequests.kind(job)).isEqualTo("caption");
  }

  @Test
  void oneImageAndNoInputs_isTextToImageWithItsSampler() {
    InterleavedJob job = InterleavedJob.textToImage("t", "a red circle",
        new ImageParams(20, 5.0, "blurry", 9, Scheduler.DPMPP_2M, 64));
    GenerationRequest.TextToImage request = (GenerationRequest.TextToImage) JobRequests.of(job, List.of());
    assertThat(request.prompt()).isEqualTo("a red circle");
    assertThat(request.image().steps()).isEqualTo(20);
    assertThat(request.image().negativePrompt()).isEqualTo("blurry");
    assertThat(request.image().scheduler()).isEqualTo(SchedulerFamily.DPM_SOLVER);
    assertThat(request.image().size()).isEqualTo(64);
    assertThat(JobRequests.kind(job)).isEqualTo("text_to_image");
  }

  @Test
  void oneImageWithAnInputImage_staysInterleaved() {
    InterleavedJob job = new InterleavedJob("i", "<image> draw it again", List.of(ImageInput.Base64.of(IMAGE)), 1,
        TextParams.DEFAULTS, ImageParams.DEFAULTS, Optional.empty(), Map.of());
    GenerationRequest.Interleaved request = (GenerationRequest.Interleaved) JobRequests.of(job, List.of(IMAGE));
    assertThat(request.images()).containsExactly(IMAGE);
    assertThat(request.maxImages()).isEqualTo(1);
    assertThat(JobRequests.kind(job)).isEqualTo("interleaved");
  }

  @Test
  void severalImages_isInterleaved() {
    InterleavedJob job = new InterleavedJob("s", "a story", List.of(), 3, TextParams.DEFAULTS, ImageParams.DEFAULTS,
        Optional.empty(), Map.of());
    assertThat(JobRequests.of(job, List.of())).isInstanceOf(GenerationRequest.Interleaved.class);
  }
}
