package io.dreamworker.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobCodecTest {

  private static final JobCodec CODEC = new JobCodec(MessageSchemas.load());

  @Test
  void captionExample_decodesToItsValues() {
    Job job = valid(Examples.read("caption-job.json"));

    assertThat(job).isEqualTo(new CaptionJob("cap-2026-11-26.0001",
        new ImageInput.S3Uri("s3://dreamworker-inputs/shapes/red-circle.png"), "Describe the image.",
        new TextParams(64, 0.2, 0, 0.9, 1, 7), Optional.of("tenants/acme/captions"),
        Map.of("request", "r-42", "client", "web")));
  }

  @Test
  void minimalCaption_getsTheSchemaDefaults() {
    CaptionJob job = (CaptionJob) valid(Examples.read("caption-job-minimal-base64.json"));

    assertThat(job.instruction()).isEqualTo(CaptionJob.DEFAULT_INSTRUCTION);
    assertThat(job.text()).isEqualTo(TextParams.DEFAULTS);
    assertThat(job.outputPrefix()).isEmpty();
    assertThat(job.metadata()).isEmpty();
    assertThat(((ImageInput.Base64) job.image()).bytes()).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void textToImageExample_isAnInterleavedJobOfOneImage() {
    InterleavedJob job = (InterleavedJob) valid(Examples.read("text-to-image-job.json"));

    assertThat(job.maxImages()).isEqualTo(1);
    assertThat(job.images()).isEmpty();
    assertThat(job.text()).isEqualTo(TextParams.DEFAULTS);
    assertThat(job.image()).isEqualTo(new ImageParams(50, 7.5, "blurry", 1234, Scheduler.DEFAULT, 0));
  }

  @Test
  void interleavedExample_decodesItsParameters() {
    InterleavedJob job = (InterleavedJob) valid(Examples.read("interleaved-job.json"));

    assertThat(job.images()).containsExactly(new ImageInput.S3Uri("s3://dreamworker-inputs/shapes/blue-square.png"));
    assertThat(job.text()).isEqualTo(new TextParams(512, 0.7, 50, 1, 1.1, 3));
    assertThat(job.image()).isEqualTo(new ImageParams(25, 5.0, "", 100, Scheduler.DPMPP_2M, 256));
  }

  @Test
  void everyValidJobExample_roundTripsThroughItsBytes() {
    for (Path file : Examples.valid()) {
      MessageSchema schema = Examples.schemaOf(file);
      if (schema == MessageSchema.CAPTION_JOB || schema == MessageSchema.INTERLEAVED_JOB) {
        Job job = valid(Examples.read(file));
        assertThat(valid(CODEC.encode(job))).as(file.toString()).isEqualTo(job);
      }
    }
  }

  @Test
  void everyInvalidJobExample_isASchemaViolation() {
    for (Path file : Examples.invalid()) {
      MessageSchema schema = Examples.schemaOf(file);
      if (schema == MessageSchema.CAPTION_JOB || schema == MessageSchema.INTERLEAVED_JOB) {
        assertThat(CODEC.decode(Examples.read(file))).as(file.toString())
            .isInstanceOfSatisfying(Decoded.Invalid.class,
                invalid -> assertThat(invalid.error()).isEqualTo(DecodeError.SCHEMA_VIOLATION));
      }
    }
  }

  @Test
  void truncatedJson_isMalformed() {
    assertThat(invalid("{\"job_id\": \"x\"").error()).isEqualTo(DecodeError.MALFORMED_JSON);
  }

  @Test
  void emptyValue_isMalformed() {
    assertThat(CODEC.decode(new byte[0])).isEqualTo(new Decoded.Invalid(DecodeError.MALFORMED_JSON,
        "no JSON document (empty input)"));
  }

  @Test
  void latin1Text_isMalformedNamingTheByte() {
    byte[] latin1 = "{\"job_id\": \"a\", \"type\": \"caption\", \"instruction\": \"caf\u00e9\", \"image\": {\"base64\": \"AAAA\"}}"
        .getBytes(StandardCharsets.ISO_8859_1);

    Decoded.Invalid invalid = (Decoded.Invalid) CODEC.decode(latin1);

    assertThat(invalid.error()).isEqualTo(DecodeError.MALFORMED_JSON);
    assertThat(invalid.message()).contains("not UTF-8", "0xE9", "offset 54", "UTF-8");
  }

  @Test
  void validJobInUtf16_isMalformedNotRead() {
    String job = "{\"job_id\": \"a\", \"type\": \"caption\", \"image\": {\"base64\": \"AAAA\"}}";

    for (Charset utf16 : List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE,
        StandardCharsets.UTF_16BE)) {
      Decoded decoded = CODEC.decode(job.getBytes(utf16));

      assertThat(decoded).as(utf16.name()).isInstanceOfSatisfying(Decoded.Invalid.class, invalid -> {
        assertThat(invalid.error()).isEqualTo(DecodeError.MALFORMED_JSON);
        assertThat(invalid.message()).contains("UTF-8");
      });
    }
  }

  @Test
  void utf8ByteOrderMark_isIgnored() {
    byte[] job = ("\uFEFF{\"job_id\": \"a\", \"type\": \"caption\", \"image\": {\"base64\": \"AAAA\"}}")
        .getBytes(StandardCharsets.UTF_8);

    assertThat(CODEC.decode(job)).isInstanceOf(Decoded.Valid.class);
  }

  @Test
  void duplicateKey_isMalformed() {
    Decoded.Invalid invalid = invalid("{\"job_id\": \"a\", \"job_id\": \"b\", \"type\": \"caption\"}");

    assertThat(invalid.error()).isEqualTo(DecodeError.MALFORMED_JSON);
    assertThat(invalid.message()).contains("job_id");
  }

  @Test
  void trailingData_isMalformed() {
    assertThat(invalid("{\"type\": \"caption\"} {}").error()).isEqualTo(DecodeError.MALFORMED_JSON);
  }

  @Test
  void unknownType_isUnknownTypeNamingIt() {
    Decoded.Invalid invalid = invalid("{\"job_id\": \"a\", \"type\": \"video\"}");

    assertThat(invalid.error()).isEqualTo(DecodeError.UNKNOWN_TYPE);
    assertThat(invalid.message()).contains("$.type", "\"video\"", "caption, interleaved");
  }

  @Test
  void missingType_isASchemaViolationOfType() {
    Decoded.Invalid invalid = invalid("{\"job_id\": \"a\"}");

    assertThat(invalid.error()).isEqualTo(DecodeError.SCHEMA_VIOLATION);
    assertThat(invalid.message()).contains("$.type");
  }

  @Test
  void jsonArray_isASchemaViolation() {
    assertThat(invalid("[1, 2]")).isEqualTo(new Decoded.Invalid(DecodeError.SCHEMA_VIOLATION,
        "$: a job must be a JSON object, got array"));
  }

  @Test
  void severalViolations_areAllListedWithTheirPaths() {
    Decoded.Invalid invalid = invalid("{\"job_id\": \"a\", \"type\": \"interleaved\", \"prompt\": \"p\","
        + " \"text\": {\"max_new_tokens\": 0, \"temperature\": -1}, \"image\": {\"size\": 5000}}");

    assertThat(invalid.error()).isEqualTo(DecodeError.SCHEMA_VIOLATION);
    assertThat(invalid.message()).contains("$.text.max_new_tokens", "$.text.temperature", "$.image.size");
  }

  @Test
  void imageSlotsUnlikeImages_isASchemaViolationOfImages() {
    Decoded.Invalid invalid = invalid("{\"job_id\": \"a\", \"type\": \"interleaved\", \"prompt\": \"<image> and <image>\","
        + " \"images\": [{\"s3_uri\": \"s3://bucket/a.png\"}]}");

    assertThat(invalid).isEqualTo(new Decoded.Invalid(DecodeError.SCHEMA_VIOLATION,
        "$.images: the prompt has 2 <image> slots but 1 images were given"));
  }

  @Test
  void metadataValueNotAString_isASchemaViolationOfThatKey() {
    Decoded.Invalid invalid = invalid("{\"job_id\": \"a\", \"type\": \"caption\", \"image\": {\"s3_uri\": \"s3://bucket/a.png\"},"
        + " \"metadata\": {\"n\": 3}}");

    assertThat(invalid.message()).contains("$.metadata.n");
  }

  @Test
  void encode_ofAJobBreakingABound_throwsNamingTheField() {
    InterleavedJob job = InterleavedJob.textToImage("t2i", "a circle",
        new ImageParams(0, 7.5, "", 1, Scheduler.DDIM, 512));

    assertThatThrownBy(() -> CODEC.encode(job)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$.image.steps");
  }

  @Test
  void encode_ofAnUnsafeJobId_throwsNamingTheField() {
    CaptionJob job = CaptionJob.of("a/b", new ImageInput.S3Uri("s3://bucket/a.png"));

    assertThatThrownBy(() -> CODEC.encode(job)).hasMessageContaining("$.job_id");
  }

  @Test
  void encode_writesEveryParameter() {
    String json = new String(CODEC.encode(CaptionJob.of("c1", new ImageInput.S3Uri("s3://bucket/a.png"))),
        StandardCharsets.UTF_8);

    assertThat(json).contains("\"max_new_tokens\":256", "\"top_p\":1.0", "\"instruction\":\"Describe the image.\"");
  }

  @Test
  void interleavedJobWithInputImages_roundTrips() {
    InterleavedJob job = new InterleavedJob("il.1", "<image> then <image>",
        List.of(ImageInput.Base64.of(new byte[] {1, 2, 3}), new ImageInput.S3Uri("s3://bucket/b.png")), 2,
        new TextParams(10, 0.5, 5, 0.5, 1.2, -9), new ImageParams(20, 1, "no", Long.MAX_VALUE, Scheduler.DDPM, 64),
        Optional.of("a/b_c"), Map.of("k", "v"));

    assertThat(valid(CODEC.encode(job))).isEqualTo(job);
  }

  private static Job valid(byte[] bytes) {
    Decoded decoded = CODEC.decode(bytes);
    assertThat(decoded).isInstanceOf(Decoded.Valid.class);
    return ((Decoded.Valid) decoded).job();
  }

  private static Decoded.Invalid invalid(String json) {
    Decoded decoded = CODEC.decode(json.getBytes(StandardCharsets.UTF_8));
    assertThat(decoded).isInstanceOf(Decoded.Invalid.class);
    return (Decoded.Invalid) decoded;
  }
}
