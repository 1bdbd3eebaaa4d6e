package io.dreamworker.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Jobs to and from the bytes of a Kafka record value. Decoding parses, picks the schema by the
 * {@code type} field, validates, and only then maps to a {@link Job}, with the schema's defaults
 * filled in; bad input gives {@link Decoded.Invalid}, never an exception. Encoding validates too,
 * so Java producers hit the same bounds before sending.
 */
public final class JobCodec {

  private final MessageSchemas schemas;

  public JobCodec(MessageSchemas schemas) {
    this.schemas = schemas;
  }

  /** A codec with its own copy of the schemas. */
  public JobCodec() {
    this(MessageSchemas.load());
  }

  /** The job in a record value, or why it is not one. */
  public Decoded decode(byte[] value) {
    JsonNode root;
    try {
      root = WireJson.parse(value);
    } catch (JsonProcessingException e) {
      return new Decoded.Invalid(DecodeError.MALFORMED_JSON, e.getOriginalMessage());
    }
    if (!root.isObject()) {
      return new Decoded.Invalid(DecodeError.SCHEMA_VIOLATION,
          "$: a job must be a JSON object, got " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    JsonNode type = root.get("type");
    if (type == null) {
      return new Decoded.Invalid(DecodeError.SCHEMA_VIOLATION,
          "$.type: required property is missing (job types: caption, interleaved)");
    }
    MessageSchema schema;
    if (CaptionJob.TYPE.equals(type.textValue())) {
      schema = MessageSchema.CAPTION_JOB;
    } else if (InterleavedJob.TYPE.equals(type.textValue())) {
      schema = MessageSchema.INTERLEAVED_JOB;
    } else {
      return new Decoded.Invalid(DecodeError.UNKNOWN_TYPE,
          "$.type: unknown job type " + type + " (job types: caption, interleaved)");
    }
    List<String> violations = schemas.violations(schema, root);
    if (!violations.isEmpty()) {
      return new Decoded.Invalid(DecodeError.SCHEMA_VIOLATION, String.join("; ", violations));
    }
    if (schema == MessageSchema.CAPTION_JOB) {
      return new Decoded.Valid(caption(root));
    }
    InterleavedJob job = interleaved(root);
    int slots = InterleavedJob.imageSlots(job.prompt());
    if (slots != job.images().size()) {
      return new Decoded.Invalid(DecodeError.SCHEMA_VIOLATION, "$.images: the prompt has " + slots + " "
          + InterleavedJob.IMAGE_PLACEHOLDER + " slots but " + job.images().size() + " images were given");
    }
    return new Decoded.Valid(job);
  }

  /**
   * The record value of a job, every parameter written out.
   *
   * @throws IllegalArgumentException listing the schema violations, if the job breaks a bound
   */
  public byte[] encode(Job job) {
    ObjectNode root = WireJson.object();
    root.put("job_id", job.jobId());
    root.put("type", job.type());
    MessageSchema schema;
    switch (job) {
      case CaptionJob c -> {
        schema = MessageSchema.CAPTION_JOB;
        root.set("image", imageInput(c.image()));
        root.put("instruction", c.instruction());
        root.set("text", textParams(c.text()));
      }
      case InterleavedJob i -> {
        schema = MessageSchema.INTERLEAVED_JOB;
        root.put("prompt", i.prompt());
        ArrayNode images = root.putArray("images");
        i.images().forEach(image -> images.add(imageInput(image)));
        root.put("max_images", i.maxImages());
        root.set("text", textParams(i.text()));
        root.set("image", imageParams(i.image()));
      }
    }
    job.outputPrefix().ifPresent(prefix -> root.put("output_prefix", prefix));
    WireJson.putStringMap(root, "metadata", job.metadata());
    List<String> violations = new ArrayList<>(schemas.violations(schema, root));
    if (job instanceof InterleavedJob i && InterleavedJob.imageSlots(i.prompt()) != i.images().size()) {
      violations.add("$.images: the prompt has " + InterleavedJob.imageSlots(i.prompt()) + " "
          + InterleavedJob.IMAGE_PLACEHOLDER + " slots but " + i.images().size() + " images were given");
    }
    if (!violations.isEmpty()) {
      throw new IllegalArgumentException("job " + job.jobId() + " breaks the contract: " + String.join("; ", violations));
    }
    return WireJson.write(root);
  }

  private static CaptionJob caption(JsonNode root) {
    return new CaptionJob(root.get("job_id").asText(), imageInput(root.get("image")),
        WireJson.optionalText(root, "instruction").orElse(CaptionJob.DEFAULT_INSTRUCTION),
        textParams(root.get("text")), WireJson.optionalText(root, "output_prefix"),
        WireJson.stringMap(root.get("metadata")));
  }

  private static InterleavedJob interleaved(JsonNode root) {
    List<ImageInput> images = new ArrayList<>();
    JsonNode array = root.get("images");
    if (array != null) {
      array.forEach(node -> images.add(imageInput(node)));
    }
    JsonNode maxImages = root.get("max_images");
    return new InterleavedJob(root.get("job_id").asText(), root.get("prompt").asText(), images,
        maxImages == null ? InterleavedJob.DEFAULT_MAX_IMAGES : maxImages.asInt(),
        textParams(root.get("text")), imageParams(root.get("image")), WireJson.optionalText(root, "output_prefix"),
        WireJson.stringMap(root.get("metadata")));
  }

  private static ImageInput imageInput(JsonNode node) {
    return node.has("s3_uri") ? new ImageInput.S3Uri(node.get("s3_uri").asText())
        : new ImageInput.Base64(node.get("base64").asText());
  }

  private static ObjectNode imageInput(ImageInput input) {
    ObjectNode node = WireJson.object();
    switch (input) {
      case ImageInput.S3Uri s3 -> node.put("s3_uri", s3.uri());
      case ImageInput.Base64 inline -> node.put("base64", inline.base64());
    }
    return node;
  }

  private static TextParams textParams(JsonNode node) {
    TextParams d = TextParams.DEFAULTS;
    if (node == null) {
      return d;
    }
    return new TextParams(node.path("max_new_tokens").asInt(d.maxNewTokens()),
        node.path("temperature").asDouble(d.temperature()), node.path("top_k").asInt(d.topK()),
        node.path("top_p").asDouble(d.topP()), node.path("repetition_penalty").asDouble(d.repetitionPenalty()),
        node.path("seed").asLong(d.seed()));
  }

  private static ObjectNode textParams(TextParams text) {
    ObjectNode node = WireJson.object();
    node.put("max_new_tokens", text.maxNewTokens());
    node.put("temperature", text.temperature());
    node.put("top_k", text.topK());
    node.put("top_p", text.topP());
    node.put("repetition_penalty", text.repetitionPenalty());
    node.put("seed", text.seed());
    return node;
  }

  private static ImageParams imageParams(JsonNode node) {
    ImageParams d = ImageParams.DEFAULTS;
    if (node == null) {
      return d;
    }
    return new ImageParams(node.path("steps").asInt(d.steps()),
        node.path("guidance_scale").asDouble(d.guidanceScale()),
        node.path("negative_prompt").asText(d.negativePrompt()), node.path("seed").asLong(d.seed()),
        node.has("scheduler") ? Scheduler.of(node.get("scheduler").asText()) : d.scheduler(),
        node.path("size").asInt(d.size()));
  }

  private static ObjectNode imageParams(ImageParams image) {
    ObjectNode node = WireJson.object();
    node.put("steps", image.steps());
    node.put("guidance_scale", image.guidanceScale());
    node.put("negative_prompt", image.negativePrompt());
    node.put("seed", image.seed());
    node.put("scheduler", image.scheduler().wireName());
    node.put("size", image.size());
    return node;
  }
}
