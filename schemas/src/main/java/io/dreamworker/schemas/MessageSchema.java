package io.dreamworker.schemas;

/** The wire messages, each with its JSON Schema file under {@code dreamworker/schemas/}. */
public enum MessageSchema {
  CAPTION_JOB("caption-job.schema.json"),
  INTERLEAVED_JOB("interleaved-job.schema.json"),
  COMPLETION_EVENT("completion-event.schema.json"),
  DEAD_LETTER("dead-letter.schema.json");

  /** The schemas' {@code $id} prefix; {@link MessageSchemas} maps it to the classpath. */
  public static final String ID_PREFIX = "https://dreamworker.io/schemas/";
  /** Where the schema files are on the classpath (and in the module's sources). */
  public static final String RESOURCE_DIR = "dreamworker/schemas/";

  private final String fileName;

  MessageSchema(String fileName) {
    this.fileName = fileName;
  }

  public String fileName() {
    return fileName;
  }

  /** The schema's {@code $id}. */
  public String id() {
    return ID_PREFIX + fileName;
  }

  /** The classpath resource of the schema. */
  public String resource() {
    return RESOURCE_DIR + fileName;
  }
}
