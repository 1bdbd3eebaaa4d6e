package io.dreamworker.worker.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dreamworker.worker.demo.DemoSummary.JobSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSummaryTest {
  private static final Path OUT = Path.of("/data/blobs/dreamworker-demo");

  private static JobSummary job(String id, String kind, String status) {
    return new JobSummary(id, kind, "d", status, Optional.empty(),
        List.of("s3://dreamworker-demo/outputs/" + id + "/img-0.png"),
        List.of(OUT.resolve("outputs/" + id + "/img-0.png")), Optional.empty(), 1200);
  }

  @Test
  void validJobsSucceededAndInvalidRejected_isAsExpected() {
    assertThat(new DemoSummary(List.of(job("a", "caption", "succeeded"), job("b", "invalid", "rejected")), 1, OUT, "b")
        .asExpected()).isTrue();
    assertThat(new DemoSummary(List.of(job("a", "caption", "failed")), 1, OUT, "b").asExpected()).isFalse();
    assertThat(new DemoSummary(List.of(job("b", "invalid", "succeeded")), 0, OUT, "b").asExpected()).isFalse();
  }

  @Test
  void json_holdsEachJobsIdTypeStatusAndOutputs(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("nested/summary.json");
    new DemoSummary(List.of(job("t2i", "text_to_image", "succeeded")), 2, OUT, "tiny").writeJson(file);
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertThat(json.at("/jobs/0/id").asText()).isEqualTo("t2i");
    assertThat(json.at("/jobs/0/type").asText()).isEqualTo("text_to_image");
    assertThat(json.at("/jobs/0/status").asText()).isEqualTo("succeeded");
    assertThat(json.at("/jobs/0/outputs/0").asText()).isEqualTo("s3://dreamworker-demo/outputs/t2i/img-0.png");
    assertThat(json.at("/jobs/0/files/0").asText()).endsWith("outputs/t2i/img-0.png");
    assertThat(json.at("/dead_letters").asLong()).isEqualTo(2);
  }

  @Test
  void print_namesEachJobAndWhereItsFilesAre() {
    StringWriter text = new StringWriter();
    new DemoSummary(List.of(job("t2i", "text_to_image", "succeeded")), 0, OUT, "random-tiny").print(new PrintWriter(text));
    assertThat(text.toString()).contains("t2i", "text_to_image", "succeeded", "1 files in outputs/t2i",
        OUT.resolve("outputs/t2i/img-0.png").toString(), "random weights");
  }

  @Test
  void printable_escapesControlAndReplacementCharacters() {
    assertThat(DemoSummary.printable("a\u0000b\uFFFDc\u0007")).isEqualTo("a\\u0000b\\ufffdc\\u0007");
    assertThat(DemoSummary.printable("a red circle")).isEqualTo("a red circle");
  }

  @Test
  void longCaptions_areCutInTheTableOnly() {
    String caption = "x".repeat(DemoSummary.MAX_SHOWN_CHARS + 5);
    assertThat(DemoSummary.shortened(caption)).hasSize(DemoSummary.MAX_SHOWN_CHARS + 3).endsWith("...");
    assertThat(DemoSummary.shortened("short")).isEqualTo("short");
  }
}
