package io.dreamworker.worker.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dreamworker.schemas.CompletionEvent;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Renders {@code document.json}: the job id, the bundle that made it, and the segments in order,
 * images as references to their objects:
 *
 * <pre>{@code
 * {"job_id":"story-1","bundle":{"name":"shapes","version":"1.0"},
 *  "segments":[{"type":"text","text":"A red circle."},
 *              {"type":"image","index":0,"key":"dreamworker/story-1/img-0.png","uri":"s3://out/dreamworker/story-1/img-0.png"}]}
 * }</pre>
 *
 * <p>Thread-safe (Jackson's mapper is, once configured).
 */
final class DocumentJson {

  private final ObjectMapper json = new ObjectMapper();

  /** The file's UTF-8 bytes, one line and a newline. */
  byte[] render(String jobId, Optional<CompletionEvent.Bundle> bundle, GeneratedDocument document,
      JobOutputKeys keys) {
    ObjectNode root = json.createObjectNode();
    root.put("job_id", jobId);
    bundle.ifPresent(b -> root.putObject("bundle").put("name", b.name()).put("version", b.version()));
    ArrayNode segments = root.putArray("segments");
    int images = 0;
    for (GeneratedDocument.Segment segment : document.segments()) {
      switch (segment) {
        case GeneratedDocument.Text text -> segments.addObject().put("type", "text").put("text", text.text());
        case GeneratedDocument.Image image -> {
          S3Location location = keys.image(images);
          segments.addObject().put("type", "image").put("index", images).put("key", location.key())
              .put("uri", location.uri());
          images++;
        }
      }
    }
    try {
      return (json.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException impossible) {
      throw new UncheckedIOException("writing a JSON tree to a string failed", impossible);
    }
  }
}
