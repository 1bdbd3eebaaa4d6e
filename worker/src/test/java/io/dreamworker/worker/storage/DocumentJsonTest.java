package io.dreamworker.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dreamworker.schemas.CompletionEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DocumentJsonTest {

  private final JobOutputKeys keys = new OutputKeys("out", "dw").forJob("story-1", Optional.empty());
  private final GeneratedDocument document = new GeneratedDocument(List.of(
      new GeneratedDocument.Text("A \"red\" circle.\n"),
      new GeneratedDocument.Image(TestImages.gradient(2, 2, 0)),
      new GeneratedDocument.Text("A square."),
      new GeneratedDocument.Image(TestImages.gradient(2, 2, 1))));

  /** Stand-ins for the two images' PNG encodings: the digests are of whatever bytes are written. */
  private static final List<byte[]> PNGS = List.of("first".getBytes(StandardCharsets.UTF_8),
      "second".getBytes(StandardCharsets.UTF_8));

  @Test
  void document_isOneLineWithSegmentsInOrderAndImageReferences() {
    String json = new String(new DocumentJson().render("story-1",
        Optional.of(new CompletionEvent.Bundle("shapes", "1.0")), document, keys, PNGS), StandardCharsets.UTF_8);

    assertThat(json).isEqualTo("{\"job_id\":\"story-1\",\"bundle\":{\"name\":\"shapes\",\"version\":\"1.0\"},"
        + "\"segments\":[{\"type\":\"text\",\"text\":\"A \\\"red\\\" circle.\\n\"},"
        + "{\"type\":\"image\",\"index\":0,\"key\":\"dw/story-1/img-0.png\",\"uri\":\"s3://out/dw/story-1/img-0.png\","
        + "\"bytes\":5,\"sha256\":\"a7937b64b8caa58f03721bb6bacf5c78cb235febe0e70b1b84cd99541461a08e\"},"
        + "{\"type\":\"text\",\"text\":\"A square.\"},"
        + "{\"type\":\"image\",\"index\":1,\"key\":\"dw/story-1/img-1.png\",\"uri\":\"s3://out/dw/story-1/img-1.png\","
        + "\"bytes\":6,\"sha256\":\"16367aacb67a4a017c8da8ab95682ccb390863780f7114dda0a0e0c55644c7c4\"}]}\n");
  }

  @Test
  void imageCountAndEncodingCount_mustAgree() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DocumentJson().render("story-1", Optional.empty(),
        document, keys, PNGS.subList(0, 1))).hasMessageContaining("2 images but 1 encodings");
  }

  @Test
  void withoutBundle_hasNoBundleField() throws IOException {
    JsonNode json = new ObjectMapper().readTree(new DocumentJson().render("story-1", Optional.empty(), document, keys, PNGS));

    assertThat(json.has("bundle")).isFalse();
    assertThat(json.get("job_id").asText()).isEqualTo("story-1");
    assertThat(json.get("segments")).hasSize(4);
  }

  @Test
  void emptyDocument_hasEmptySegments() throws IOException {
    JsonNode json = new ObjectMapper().readTree(
        new DocumentJson().render("j", Optional.empty(), new GeneratedDocument(List.of()), keys, List.of()));

    assertThat(json.get("segments").isArray()).isTrue();
    assertThat(json.get("segments")).isEmpty();
  }
}
