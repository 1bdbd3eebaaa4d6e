package io.dreamworker.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
  @TempDir Path dir;

  @Test
  void evalOfARandomShapesBundle_printsEveryTaskAndWritesJsonAndPictures() throws Exception {
    Path bundle = dir.resolve("b");
    assertThat(MainTest.run("bundle", "random", bundle.toString(), "--preset", "shapes").exitCode()).isZero();
    Path json = dir.resolve("eval.json");
    MainTest.Run r = MainTest.run("eval", "--bundle", bundle.toString(), "--captions", "2", "--creations", "1",
        "--stories", "1", "--steps", "2", "--guidance", "1", "--scheduler", "dpmpp_2m", "--json", json.toString(), "--out", dir.resolve("out").toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("comprehension: caption exact").contains("creation:").contains("placement precision")
        .containsPattern("one shape +\\(\\d\\): all").containsPattern("two shapes \\(\\d\\): all");
    JsonNode figures = new ObjectMapper().readTree(Files.readString(json));
    assertThat(figures.has("caption_exact") && figures.has("creation_all") && figures.has("placement_f1")).isTrue();
    assertThat(figures.at("/creation/one_shape/scenes").asInt() + figures.at("/creation/two_shapes/scenes").asInt())
        .isEqualTo(1);
    assertThat(dir.resolve("out/samples.jsonl")).exists();
  }

  @Test
  void evalWithAnUnknownScheduler_isAUsageErrorListingTheSchedulers() throws Exception {
    MainTest.Run r = MainTest.run("eval", "--bundle", dir.toString(), "--scheduler", "euler");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown scheduler 'euler'").contains("ddim").contains("dpmpp_2m");
  }
}
