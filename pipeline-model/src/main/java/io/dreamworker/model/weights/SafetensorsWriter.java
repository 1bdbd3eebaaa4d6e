package io.dreamworker.model.weights;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes arrays as a safetensors file, the format every reference tool reads. The header is padded
 * with spaces to a multiple of 8 bytes so that every tensor starts aligned. The file is written
 * beside its destination and moved into place, so a reader never sees half a file.
 */
public final class SafetensorsWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SafetensorsWriter() {}

  /** Writes {@code arrays} (in map order) with optional {@code __metadata__}. */
  public static void write(Path path, Map<String, NDArray> arrays, Map<String, String> metadata)
      throws IOException {
    ObjectNode header = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = header.putObject("__metadata__");
      metadata.forEach(meta::put);
    }
    long offset = 0;
    for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
      NDArray a = e.getValue();
      DType dtype = DType.of(a.getDataType());
      long bytes = a.size() * dtype.bytesPerElement();
      ObjectNode entry = header.putObject(e.getKey());
      entry.put("dtype", dtype.name());
      var shape = entry.putArray("shape");
      for (long d : a.getShape().getShape()) {
        shape.add(d);
      }
      var offsets = entry.putArray("data_offsets");
      offsets.add(offset);
      offsets.add(offset + bytes);
      offset += bytes;
    }
    byte[] json = JSON.writeValueAsBytes(header);
    int padded = (json.length + 7) / 8 * 8;
    byte[] headerBytes = new byte[padded];
    System.arraycopy(json, 0, headerBytes, 0, json.length);
    for (int i = json.length; i < padded; i++) {
      headerBytes[i] = (byte) ' ';
    }
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp);
        WritableByteChannel channel = Channels.newChannel(out)) {
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
      len.flip();
      channel.write(len);
      channel.write(ByteBuffer.wrap(headerBytes));
      for (NDArray a : arrays.values()) {
        ByteBuffer data = a.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        while (data.hasRemaining()) {
          channel.write(data);
        }
      }
    }
    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Writes without metadata. */
  public static void write(Path path, Map<String, NDArray> arrays) throws IOException {
    write(path, arrays, Map.of());
  }

}
