package io.dreamworker.model.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The token ↔ id table of a {@code tokenizer.json}: the model's vocabulary (a map for BPE,
 * WordPiece and WordLevel, a list of [token, score] for Unigram) plus {@code added_tokens}, which
 * take precedence as in the tokenizers library.
 */
final class Vocabulary {
  private final Map<String, Long> ids;
  private final Map<Long, String> tokens;

  private Vocabulary(Map<String, Long> ids, Map<Long, String> tokens) {
    this.ids = Collections.unmodifiableMap(ids);
    this.tokens = Collections.unmodifiableMap(tokens);
  }

  /**
   * Reads the table from the parsed {@code tokenizer.json}.
   *
   * @throws IllegalArgumentException naming what is missing or malformed
   */
  static Vocabulary of(JsonNode tokenizerJson) {
    JsonNode model = tokenizerJson.get("model");
    if (model == null || !model.isObject()) {
      throw new IllegalArgumentException("it has no \"model\" object");
    }
    JsonNode vocab = model.get("vocab");
    if (vocab == null) {
      throw new IllegalArgumentException(
          "its model (type " + model.path("type").asText("?") + ") has no \"vocab\"");
    }
    Map<String, Long> ids = new HashMap<>();
    Map<Long, String> tokens = new HashMap<>();
    if (vocab.isObject()) {
      for (Map.Entry<String, JsonNode> e : vocab.properties()) {
        if (!e.getValue().canConvertToLong()) {
          throw new IllegalArgumentException(
              "its vocab maps '" + e.getKey() + "' to " + e.getValue() + ", not an id");
        }
        put(ids, tokens, e.getKey(), e.getValue().asLong());
      }
    } else if (vocab.isArray()) {
      // Unigram: the id is the position.
      for (int i = 0; i < vocab.size(); i++) {
        JsonNode entry = vocab.get(i);
        String token = entry.isArray() ? entry.path(0).asText(null) : null;
        if (token == null) {
          throw new IllegalArgumentException("its vocab entry " + i + " is " + entry
              + ", not [token, score]");
        }
        put(ids, tokens, token, i);
      }
    } else {
      throw new IllegalArgumentException("its vocab is neither an object nor a list");
    }
    for (JsonNode added : tokenizerJson.path("added_tokens")) {
      if (!added.has("id") || !added.has("content")) {
        throw new IllegalArgumentException("an added token lacks id or content: " + added);
      }
      put(ids, tokens, added.get("content").asText(), added.get("id").asLong());
    }
    return new Vocabulary(ids, tokens);
  }

  OptionalLong id(String token) {
    Long id = ids.get(token);
    return id == null ? OptionalLong.empty() : OptionalLong.of(id);
  }

  Optional<String> token(long id) {
    return Optional.ofNullable(tokens.get(id));
  }

  /** Distinct ids, as the tokenizers library's {@code get_vocab_size(with_added_tokens=True)}. */
  int size() {
    return tokens.size();
  }

  private static void put(Map<String, Long> ids, Map<Long, String> tokens, String token, long id) {
    ids.put(token, id);
    tokens.put(id, token);
  }
}
