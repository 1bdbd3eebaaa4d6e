package io.dreamworker.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.schemas.CaptionJob;
import io.dreamworker.schemas.ImageInput;
import io.dreamworker.schemas.InterleavedJob;
import io.dreamworker.schemas.JobCodec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SubmitCommandTest {
  private static SubmitCommand parse(String... args) {
    SubmitCommand command = new SubmitCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void prompt_becomesAnInterleavedJobWithItsParameters() throws Exception {
    InterleavedJob job = (InterleavedJob) parse("--prompt", "a red circle", "--max-images", "1", "--steps", "12",
        "--seed", "4", "--job-id", "j-1", "--metadata", "team=a").job(new JobCodec());
    assertThat(job.jobId()).isEqualTo("j-1");
    assertThat(job.maxImages()).isEqualTo(1);
    assertThat(job.image().steps()).isEqualTo(12);
    assertThat(job.image().seed()).isEqualTo(4);
    assertThat(job.metadata()).containsEntry("team", "a");
  }

  @Test
  void localImages_goInlineAndGetTheirSlots(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("a.png");
    Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    InterleavedJob job = (InterleavedJob) parse("--prompt", "what next?", "--image", png.toString(),
        "--image", "s3://bucket-1/b.png").job(new JobCodec());
    assertThat(job.prompt()).isEqualTo("<image> <image> what next?");
    assertThat(job.images().get(0)).isInstanceOf(ImageInput.Base64.class);
    assertThat(job.images().get(1)).isEqualTo(new ImageInput.S3Uri("s3://bucket-1/b.png"));
  }

  @Test
  void caption_namesItsImage() throws Exception {
    CaptionJob job = (CaptionJob) parse("--caption", "s3://bucket-1/x.png").job(new JobCodec());
    assertThat(job.image()).isEqualTo(new ImageInput.S3Uri("s3://bucket-1/x.png"));
    assertThat(job.jobId()).startsWith("job-");
  }

  @Test
  void invalidJobFile_isAUsageErrorBeforeAnyConnection(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("job.json");
    Files.writeString(file, "{\"type\":\"interleaved\",\"job_id\":\"x\",\"prompt\":\"p\",\"max_images\":99}");
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err));
    // The broker address is unreachable: the command must fail on the job, not on the network.
    int code = cli.execute("submit", "--file", file.toString(), "--bootstrap-servers", "127.0.0.1:1");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("SCHEMA_VIOLATION", "max_images");
  }
}
