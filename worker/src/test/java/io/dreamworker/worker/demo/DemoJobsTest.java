package io.dreamworker.worker.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.schemas.CaptionJob;
import io.dreamworker.schemas.Decoded;
import io.dreamworker.schemas.ImageInput;
import io.dreamworker.schemas.JobCodec;
import io.dreamworker.worker.demo.DemoJobs.DemoJob;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoJobsTest {
  private final JobCodec codec = new JobCodec();
  private final DemoJobs jobs = DemoJobs.create(7, "inputs-bucket");

  @Test
  void validSamples_passTheSchemasAndInvalidOnesFailWithTheirCodes() {
    for (DemoJob job : jobs.jobs()) {
      Decoded decoded = codec.decode(job.value());
      if (job.kind().equals(DemoJobs.INVALID)) {
        assertThat(decoded).isInstanceOf(Decoded.Invalid.class);
      } else {
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Valid.class,
            v -> assertThat(v.job().jobId()).isEqualTo(job.id()));
      }
    }
    assertThat(jobs.jobs()).extracting(DemoJob::id).doesNotHaveDuplicates();
    assertThat(jobs.jobs()).extracting(DemoJob::kind)
        .contains("caption", "text_to_image", "interleaved", DemoJobs.INVALID);
  }

  @Test
  void s3Caption_readsAnInputTheDemoUploads() {
    DemoJob s3Caption = jobs.jobs().stream().filter(j -> j.id().equals("demo-caption-s3")).findFirst().orElseThrow();
    CaptionJob job = (CaptionJob) ((Decoded.Valid) codec.decode(s3Caption.value())).job();
    String uri = ((ImageInput.S3Uri) job.image()).uri();
    assertThat(jobs.inputs()).extracting(i -> "s3://inputs-bucket/" + i.key()).contains(uri);
    assertThat(jobs.inputs().get(0).png()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
  }

  @Test
  void sameSeed_sameJobs() {
    List<String> first = DemoJobs.create(7, "bucket-b").jobs().stream().map(DemoJob::description).toList();
    List<String> second = DemoJobs.create(7, "bucket-b").jobs().stream().map(DemoJob::description).toList();
    assertThat(first).isEqualTo(second);
  }
}
