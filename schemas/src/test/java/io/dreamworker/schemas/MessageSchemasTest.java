package io.dreamworker.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MessageSchemasTest {

  private static final MessageSchemas SCHEMAS = MessageSchemas.load();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The field each invalid example's violation must name (as in examples/invalid/README.md). */
  private static final Map<String, String> INVALID_FIELD = Map.of(
      "caption-job-bad-job-id.json", "job_id",
      "caption-job-typo.json", "instructions",
      "caption-job-both-image-sources.json", "image",
      "interleaved-job-top-p-zero.json", "top_p",
      "interleaved-job-bad-scheduler.json", "scheduler",
      "interleaved-job-prefix-dotdot.json", "output_prefix",
      "interleaved-job-steps-zero.json", "steps",
      "completion-event-failed-no-error.json", "error",
      "completion-event-wrong-specversion.json", "specversion",
      "dead-letter-no-value.json", "value");

  static Stream<Path> validExamples() {
    return Examples.valid().stream();
  }

  static Stream<Path> invalidExamples() {
    return Examples.invalid().stream();
  }

  @ParameterizedTest
  @MethodSource("validExamples")
  void validExample_hasNoViolations(Path file) throws IOException {
    JsonNode document = JSON.readTree(file.toFile());

    assertThat(SCHEMAS.violations(Examples.schemaOf(file), document)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalidExamples")
  void invalidExample_isRefusedNamingItsField(Path file) throws IOException {
    JsonNode document = JSON.readTree(file.toFile());

    List<String> violations = SCHEMAS.violations(Examples.schemaOf(file), document);

    assertThat(violations).isNotEmpty();
    assertThat(String.join("; ", violations)).contains(INVALID_FIELD.get(file.getFileName().toString()));
  }

  @Test
  void everyInvalidExample_isDocumentedInTheTable() {
    assertThat(Examples.invalid()).extracting(f -> f.getFileName().toString())
        .containsExactlyInAnyOrderElementsOf(INVALID_FIELD.keySet());
    assertThat(Examples.read(Examples.INVALID.resolve("README.md"))).asString(java.nio.charset.StandardCharsets.UTF_8)
        .contains(INVALID_FIELD.keySet());
  }

  @Test
  void everyMessage_hasAValidExample() {
    assertThat(Examples.valid()).extracting(Examples::schemaOf).containsAll(List.of(MessageSchema.values()));
  }

  @Test
  void schemaDefaults_equalTheJavaDefaults() throws IOException {
    JsonNode defs = resource("common.schema.json").get("$defs");
    JsonNode text = defs.get("textParams").get("properties");
    JsonNode image = defs.get("imageParams").get("properties");
    TextParams t = TextParams.DEFAULTS;
    ImageParams i = ImageParams.DEFAULTS;

    assertThat(text.get("max_new_tokens").get("default").asInt()).isEqualTo(t.maxNewTokens());
    assertThat(text.get("temperature").get("default").asDouble()).isEqualTo(t.temperature());
    assertThat(text.get("top_k").get("default").asInt()).isEqualTo(t.topK());
    assertThat(text.get("top_p").get("default").asDouble()).isEqualTo(t.topP());
    assertThat(text.get("repetition_penalty").get("default").asDouble()).isEqualTo(t.repetitionPenalty());
    assertThat(text.get("seed").get("default").asLong()).isEqualTo(t.seed());
    assertThat(image.get("steps").get("default").asInt()).isEqualTo(i.steps());
    assertThat(image.get("guidance_scale").get("default").asDouble()).isEqualTo(i.guidanceScale());
    assertThat(image.get("negative_prompt").get("default").asText()).isEqualTo(i.negativePrompt());
    assertThat(image.get("seed").get("default").asLong()).isEqualTo(i.seed());
    assertThat(image.get("scheduler").get("default").asText()).isEqualTo(i.scheduler().wireName());
    assertThat(image.get("size").get("default").asInt()).isEqualTo(i.size());
    assertThat(resource("caption-job.schema.json").at("/properties/instruction/default").asText())
        .isEqualTo(CaptionJob.DEFAULT_INSTRUCTION);
    assertThat(resource("interleaved-job.schema.json").at("/properties/max_images/default").asInt())
        .isEqualTo(InterleavedJob.DEFAULT_MAX_IMAGES);
  }

  @Test
  void schedulerEnum_equalsTheJavaScheduler() throws IOException {
    JsonNode values = resource("common.schema.json").at("/$defs/imageParams/properties/scheduler/enum");

    assertThat(values).extracting(JsonNode::asText)
        .containsExactly(Stream.of(Scheduler.values()).map(Scheduler::wireName).toArray(String[]::new));
  }

  @Test
  void everySchema_declaresDraft202012AndTheIdItIsLoadedBy() throws IOException {
    for (MessageSchema message : MessageSchema.values()) {
      JsonNode schema = resource(message.fileName());
      assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
      assertThat(schema.get("$id").asText()).isEqualTo(message.id());
    }
  }

  private static JsonNode resource(String fileName) throws IOException {
    try (InputStream in = MessageSchemas.class.getClassLoader()
        .getResourceAsStream(MessageSchema.RESOURCE_DIR + fileName)) {
      return JSON.readTree(in);
    }
  }
}
