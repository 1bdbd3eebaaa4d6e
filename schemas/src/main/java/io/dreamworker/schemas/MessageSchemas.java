package io.dreamworker.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON Schemas of the wire messages, loaded from the classpath (draft 2020-12, networknt's
 * validator). The schemas' {@code https://dreamworker.io/schemas/} ids are mapped to the
 * classpath, so nothing is fetched over the network and shared {@code $defs} resolve offline.
 * Immutable and safe to share between threads; loading costs a few milliseconds, so build one.
 */
public final class MessageSchemas {

  private final Map<MessageSchema, JsonSchema> schemas = new EnumMap<>(MessageSchema.class);

  private MessageSchemas() {
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
        builder -> builder.schemaMappers(mappers -> mappers.mapPrefix(MessageSchema.ID_PREFIX,
            "classpath:" + MessageSchema.RESOURCE_DIR)));
    // Formats are annotations only in 2020-12 by default; date-time and uri are part of the contract.
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
        .formatAssertionsEnabled(true)
        .pathType(PathType.JSON_PATH)
        .locale(Locale.ROOT)
        .regularExpressionFactory(new EcmaAnchoredRegexFactory())
        .build();
    for (MessageSchema message : MessageSchema.values()) {
      JsonSchema schema = factory.getSchema(SchemaLocation.of(message.id()), config);
      schema.initializeValidators();
      schemas.put(message, schema);
    }
  }

  /** Loads every schema; fails fast if one is missing or does not resolve. */
  public static MessageSchemas load() {
    return new MessageSchemas();
  }

  /**
   * The violations of a document, each as {@code $.path: what is wrong}, sorted so that messages
   * are stable; empty when the document is valid.
   */
  public List<String> violations(MessageSchema message, JsonNode document) {
    return schemas.get(message).validate(document).stream()
        .map(ValidationMessage::getMessage)
        .sorted()
        .toList();
  }
}
