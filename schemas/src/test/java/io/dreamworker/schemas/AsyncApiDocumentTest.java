package io.dreamworker.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module's asyncapi.yaml: well-formed, its references resolve, and it names the contract's topics. */
class AsyncApiDocumentTest {

  private static final Path DOCUMENT = Path.of("asyncapi.yaml");
  private static JsonNode asyncApi;

  @BeforeAll
  static void parse() throws IOException {
    asyncApi = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
  }

  @Test
  void document_isAsyncApi3() {
    assertThat(asyncApi.get("asyncapi").asText()).startsWith("3.");
  }

  @Test
  void channels_areTheThreeTopics() {
    assertThat(asyncApi.at("/channels/jobs/address").asText()).isEqualTo("dreamworker.jobs");
    assertThat(asyncApi.at("/channels/events/address").asText()).isEqualTo("dreamworker.events");
    assertThat(asyncApi.at("/channels/deadLetters/address").asText()).isEqualTo("dreamworker.dlq");
  }

  @Test
  void deadLetterHeaders_areTheOnesTheRecordWrites() {
    JsonNode required = asyncApi.at("/components/schemas/deadLetterHeaders/required");
    DeadLetter letter = new DeadLetter(new DeadLetter.OriginalRecord("t", 0, 0, null, new DeadLetter.Payload.Text("")),
        new ErrorInfo("E", "m"), java.time.Instant.EPOCH);

    assertThat(required).extracting(JsonNode::asText).containsExactlyElementsOf(letter.headers().keySet());
  }

  @Test
  void everyRef_pointsAtAnExistingFileOrNode() {
    List<String> refs = new ArrayList<>();
    collectRefs(asyncApi, refs);

    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      if (ref.startsWith("#")) {
        assertThat(asyncApi.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
      } else {
        Path file = DOCUMENT.toAbsolutePath().getParent().resolve(ref.split("#", 2)[0]).normalize();
        assertThat(file).as(ref).isRegularFile();
      }
    }
  }

  @Test
  void everyMessageSchema_isReferenced() throws IOException {
    String text = Files.readString(DOCUMENT);

    for (MessageSchema message : MessageSchema.values()) {
      assertThat(text).contains("./src/main/resources/" + message.resource());
    }
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.properties().forEach(e -> {
        if (e.getKey().equals("$ref")) {
          refs.add(e.getValue().asText());
        } else {
          collectRefs(e.getValue(), refs);
        }
      });
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, refs));
    }
  }
}
