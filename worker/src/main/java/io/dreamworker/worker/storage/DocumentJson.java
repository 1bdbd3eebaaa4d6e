package io.dreamworker.worker.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dreamworker.schemas.CompletionEvent;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Renders {@code document.json}: the job id, the bundle that made it, and the segments in order,
 * images as references to their objects with the size and SHA-256 of the PNG written there, so that
 * a reader (a dataset pipeline, the chaos harness) can check that an image is the one the document
 * was made with:
 *
 * <pre>{@code
 * {"job_id":"story-1","bundle":{"name":"shapes","version":"1.0"},
 *  "segments":[{"type":"text","text":"A red circle."},
 *              {"type":"image","index":0,"key":"dreamworker/story-1/img-0.png","uri":"s3://out/dreamworker/story-1/img-0.png",
 *               "bytes":2817,"sha256":"9f86d0..."}]}
 * }</pre>
 *
 * <p>Thread-safe (Jackson's mapper is, once configured).
 */
final class DocumentJson {

  private final ObjectMapper json = new ObjectMapper();

  /**
   * The file's UTF-8 bytes, one line and a newline.
   *
   * @param pngs the encoded images, in the document's order, as they are written
   */
  byte[] render(String jobId, Optional<CompletionEvent.Bundle> bundle, GeneratedDocument document,
      JobOutputKeys keys, List<byte[]> pngs) {
    if (pngs.size() != document.images().size()) {
      throw new IllegalArgumentException("the document has " + document.images().size() + " images but "
          + pngs.size() + " encodings were given");
    }
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
          byte[] png = pngs.get(images);
          segments.addObject().put("type", "image").put("index", images).put("key", location.key())
              .put("uri", location.uri()).put("bytes", png.length).put("sha256", sha256(png));
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

  /** The lower-case hex SHA-256 of {@code bytes}. */
  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every Java runtime has SHA-256", impossible);
    }
  }
}
