package io.dreamworker.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safetensors file, opened and validated once, whose tensors are memory-mapped on demand.
 *
 * <p>Layout (https://github.com/huggingface/safetensors): an unsigned little-endian 64-bit header
 * length, a JSON header naming each tensor's dtype, shape and byte range within the data section,
 * then the data section. The whole header is validated when the file is opened: every range must
 * lie inside the file, match its shape and dtype, and not overlap another, so that a truncated or
 * inconsistent file fails at open with the file and the tensor named, never later with garbage.
 *
 * <p>Files may exceed 2 GB: each tensor is mapped on its own, and a tensor too large for one
 * mapping is loaded in slabs along its first dimension. F32, I64, I32 and U8 tensors are handed to
 * the engine without a copy (the array keeps the mapping alive; weights are never written in
 * place); F16 and BF16 are widened to F32 on load.
 *
 * <p>Thread-safe: the channel is only read with positional reads and maps.
 */
public final class SafetensorsFile implements AutoCloseable {

  /** The reference implementation refuses headers larger than this; so do we, before allocating. */
  static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

  /** Largest byte count mapped or allocated at once (a Java buffer is indexed by int). */
  static final long MAX_SLAB_BYTES = Integer.MAX_VALUE - 7;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path path;
  private final FileChannel channel;
  private final long dataStart;
  private final Map<String, TensorInfo> tensors;
  private final Map<String, String> metadata;

  private SafetensorsFile(
      Path path,
      FileChannel channel,
      long dataStart,
      Map<String, TensorInfo> tensors,
      Map<String, String> metadata) {
    this.path = path;
    this.channel = channel;
    this.dataStart = dataStart;
    this.tensors = tensors;
    this.metadata = metadata;
  }

  /**
   * Opens and validates a safetensors file.
   *
   * @throws SafetensorsException if the file is truncated or its header is inconsistent
   * @throws IOException if the file cannot be read
   */
  public static SafetensorsFile open(Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    try {
      long size = channel.size();
      if (size < 8) {
        throw new SafetensorsException(
            path + ": truncated: " + size + " bytes, shorter than the 8-byte header length");
      }
      ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(channel, lengthBytes, 0);
      long headerLength = lengthBytes.getLong(0);
      if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
        throw new SafetensorsException(
            path + ": header length " + Long.toUnsignedString(headerLength)
                + " is not plausible (at most " + MAX_HEADER_BYTES + "): not a safetensors file?");
      }
      if (headerLength > size - 8) {
        throw new SafetensorsException(
            path + ": truncated: header declares " + headerLength + " bytes but only "
                + (size - 8) + " follow");
      }
      ByteBuffer header = ByteBuffer.allocate((int) headerLength);
      readFully(channel, header, 8);
      long dataStart = 8 + headerLength;
      JsonNode root;
      try {
        root = JSON.readTree(header.array());
      } catch (JsonProcessingException e) {
        throw new SafetensorsException(
            path + ": header is not valid JSON: " + e.getOriginalMessage(), e);
      }
      if (root == null || !root.isObject()) {
        throw new SafetensorsException(path + ": header is not a JSON object");
      }
      Map<String, String> metadata = new LinkedHashMap<>();
      Map<String, TensorInfo> tensors = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : root.properties()) {
        if (e.getKey().equals("__metadata__")) {
          e.getValue().properties().forEach(m -> metadata.put(m.getKey(), m.getValue().asText()));
        } else {
          tensors.put(e.getKey(), parseEntry(path, e.getKey(), e.getValue()));
        }
      }
      checkRanges(path, tensors.values(), size - dataStart);
      return new SafetensorsFile(
          path, channel, dataStart, Collections.unmodifiableMap(tensors),
          Collections.unmodifiableMap(metadata));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static TensorInfo parseEntry(Path path, String name, JsonNode node)
      throws SafetensorsException {
    String where = path + ": tensor '" + name + "'";
    JsonNode dtype = node.get("dtype");
    JsonNode shape = node.get("shape");
    JsonNode offsets = node.get("data_offsets");
    if (dtype == null || shape == null || offsets == null || !shape.isArray()
        || !offsets.isArray() || offsets.size() != 2) {
      throw new SafetensorsException(
          where + ": entry needs dtype, shape and data_offsets [begin, end], got " + node);
    }
    DType type;
    try {
      type = DType.fromHeader(dtype.asText());
    } catch (IllegalArgumentException e) {
      throw new SafetensorsException(where + ": " + e.getMessage());
    }
    long[] dims = new long[shape.size()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = shape.get(i).asLong(-1);
      if (!shape.get(i).canConvertToLong() || dims[i] < 0) {
        throw new SafetensorsException(where + ": invalid dimension " + shape.get(i));
      }
    }
    long begin = offsets.get(0).asLong(-1);
    long end = offsets.get(1).asLong(-1);
    if (begin < 0 || end < begin) {
      throw new SafetensorsException(where + ": invalid data_offsets " + offsets);
    }
    TensorInfo info = new TensorInfo(name, type, dims, begin, end);
    long expected;
    try {
      expected = Math.multiplyExact(info.elementCount(), type.bytesPerElement());
    } catch (ArithmeticException e) {
      throw new SafetensorsException(where + ": shape " + shape + " overflows");
    }
    if (expected != info.byteLength()) {
      throw new SafetensorsException(
          where + ": shape " + shape + " of " + type + " needs " + expected
              + " bytes but data_offsets " + offsets + " span " + info.byteLength());
    }
    return info;
  }

  private static void checkRanges(Path path, Iterable<TensorInfo> infos, long dataLength)
      throws SafetensorsException {
    List<TensorInfo> sorted = new ArrayList<>();
    infos.forEach(sorted::add);
    sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
    TensorInfo previous = null;
    for (TensorInfo t : sorted) {
      if (t.end() > dataLength) {
        throw new SafetensorsException(
            path + ": truncated: tensor '" + t.name() + "' ends at byte " + t.end()
                + " of the data section, but the file holds only " + dataLength + " bytes of data");
      }
      if (previous != null && t.begin() < previous.end() && t.byteLength() > 0) {
        throw new SafetensorsException(
            path + ": tensors '" + previous.name() + "' and '" + t.name() + "' overlap");
      }
      if (t.byteLength() > 0) {
        previous = t;
      }
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) {
        throw new SafetensorsException("unexpected end of file");
      }
    }
  }

  /** The file this was opened from. */
  public Path path() {
    return path;
  }

  /** Every tensor of the file, in header order. */
  public Map<String, TensorInfo> tensors() {
    return tensors;
  }

  /** The header's {@code __metadata__} map (empty when absent). */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** The entry for a name, or an exception naming the file and the missing tensor. */
  public TensorInfo info(String name) {
    TensorInfo info = tensors.get(name);
    if (info == null) {
      throw new IllegalArgumentException(path + ": no tensor named '" + name + "'");
    }
    return info;
  }

  /**
   * Loads a tensor into {@code manager}: without a copy for types the engine takes as stored,
   * widened to F32 for F16 and BF16.
   *
   * @throws IOException if the mapping fails
   */
  public NDArray load(String name, NDManager manager) throws IOException {
    TensorInfo info = info(name);
    long rows = info.shape().length == 0 ? 1 : info.shape()[0];
    long loadedBytesPerRow =
        rows == 0 ? 0 : info.elementCount() / rows * info.dtype().loadedAs().getNumOfBytes();
    long loadedBytes = info.elementCount() * info.dtype().loadedAs().getNumOfBytes();
    if (loadedBytes <= MAX_SLAB_BYTES || rows <= 1) {
      return loadSlab(info, 0, rows, info.djlShape(), manager);
    }
    // Too large for one buffer: load slabs of whole rows and concatenate them in the engine.
    long rowsPerSlab = Math.max(1, MAX_SLAB_BYTES / loadedBytesPerRow);
    NDList slabs = new NDList();
    try {
      for (long r = 0; r < rows; r += rowsPerSlab) {
        long n = Math.min(rowsPerSlab, rows - r);
        long[] dims = info.shape();
        dims[0] = n;
        slabs.add(loadSlab(info, r, n, new Shape(dims), manager));
      }
      return NDArrays.concat(slabs, 0);
    } finally {
      slabs.close();
    }
  }

  private NDArray loadSlab(TensorInfo info, long firstRow, long rowCount, Shape shape,
      NDManager manager) throws IOException {
    long rows = info.shape().length == 0 ? 1 : info.shape()[0];
    long bytesPerRow = rows == 0 ? 0 : info.byteLength() / rows;
    long offset = dataStart + info.begin() + firstRow * bytesPerRow;
    long length = info.shape().length == 0 ? info.byteLength() : rowCount * bytesPerRow;
    if (length > MAX_SLAB_BYTES) {
      throw new SafetensorsException(
          path + ": tensor '" + info.name() + "' has a single row of " + bytesPerRow
              + " bytes, more than one buffer can hold");
    }
    ByteBuffer bytes = length == 0
        ? ByteBuffer.allocateDirect(0)
        : channel.map(FileChannel.MapMode.READ_ONLY, offset, length);
    bytes.order(ByteOrder.LITTLE_ENDIAN);
    if (!info.dtype().widens()) {
      return manager.create(bytes, shape, info.dtype().loadedAs());
    }
    ByteBuffer widened = ByteBuffer.allocateDirect(Math.toIntExact(length * 2))
        .order(ByteOrder.nativeOrder());
    Widening.toFloat32(info.dtype(), bytes, widened);
    widened.rewind();
    return manager.create(widened, shape, info.dtype().loadedAs());
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  @Override
  public String toString() {
    return "SafetensorsFile[" + path + ", " + tensors.size() + " tensors]";
  }
}
