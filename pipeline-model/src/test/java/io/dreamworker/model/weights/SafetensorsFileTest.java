package io.dreamworker.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {
  @TempDir Path dir;
  NDManager manager;

  @BeforeEach
  void setUp() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void tearDown() {
    manager.close();
  }

  @Test
  void writtenFile_roundTripsEveryTypeAndShape() throws IOException {
    Map<String, NDArray> arrays = new LinkedHashMap<>();
    arrays.put("a.weight", manager.arange(12f).reshape(3, 4));
    arrays.put("b.ids", manager.arange(0L, 5L, 1L, DataType.INT64));
    arrays.put("c.scalar", manager.create(2.5f));
    arrays.put("d.empty", manager.zeros(new Shape(0, 3)));
    Path p = dir.resolve("m.safetensors");
    SafetensorsWriter.write(p, arrays, Map.of("format", "pt"));

    try (SafetensorsFile f = SafetensorsFile.open(p)) {
      assertThat(f.metadata()).containsEntry("format", "pt");
      assertThat(f.tensors().keySet()).containsExactly("a.weight", "b.ids", "c.scalar", "d.empty");
      assertThat(f.load("a.weight", manager).toFloatArray()).containsExactly(arrays.get("a.weight").toFloatArray());
      assertThat(f.load("b.ids", manager).toLongArray()).containsExactly(0, 1, 2, 3, 4);
      NDArray scalar = f.load("c.scalar", manager);
      assertThat(scalar.getShape()).isEqualTo(new Shape());
      assertThat(scalar.getFloat()).isEqualTo(2.5f);
      assertThat(f.load("d.empty", manager).getShape()).isEqualTo(new Shape(0, 3));
    }
  }

  @Test
  void bf16AndF16_areWidenedToF32() throws IOException {
    float[] values = {1f, -2.5f, 0.15625f, 65504f, -0f};
    ByteBuffer bf16 = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    ByteBuffer f16 = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      bf16.putShort((short) (Float.floatToIntBits(v) >>> 16));
      f16.putShort(Float.floatToFloat16(v));
    }
    Path p = dir.resolve("half.safetensors");
    writeRaw(p, "{\"x\":{\"dtype\":\"BF16\",\"shape\":[5],\"data_offsets\":[0,10]},"
        + "\"y\":{\"dtype\":\"F16\",\"shape\":[5],\"data_offsets\":[10,20]}}", concat(bf16.array(), f16.array()));

    try (SafetensorsFile f = SafetensorsFile.open(p)) {
      NDArray x = f.load("x", manager);
      assertThat(x.getDataType()).isEqualTo(DataType.FLOAT32);
      float[] truncated = new float[values.length];
      for (int i = 0; i < values.length; i++) {
        truncated[i] = Float.intBitsToFloat(Float.floatToIntBits(values[i]) & 0xffff0000);
      }
      assertThat(x.toFloatArray()).containsExactly(truncated);
      assertThat(f.load("y", manager).toFloatArray()).containsExactly(values);
    }
  }

  @Test
  void fileShorterThanHeaderLength_isRejectedAsTruncated() throws IOException {
    Path p = dir.resolve("short.safetensors");
    Files.write(p, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> SafetensorsFile.open(p))
        .isInstanceOf(SafetensorsException.class)
        .hasMessageContaining("truncated")
        .hasMessageContaining("short.safetensors");
  }

  @Test
  void headerLongerThanFile_isRejectedAsTruncated() throws IOException {
    Path p = dir.resolve("h.safetensors");
    ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).putInt(0);
    Files.write(p, b.array());
    assertThatThrownBy(() -> SafetensorsFile.open(p))
        .isInstanceOf(SafetensorsException.class)
        .hasMessageContaining("header declares 1000 bytes but only 4 follow");
  }

  @Test
  void dataSectionShorterThanATensor_namesTheTensor() throws IOException {
    Path p = dir.resolve("t.safetensors");
    writeRaw(p, "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", new byte[8]);
    assertThatThrownBy(() -> SafetensorsFile.open(p))
        .isInstanceOf(SafetensorsException.class)
        .hasMessageContaining("truncated: tensor 'w' ends at byte 16")
        .hasMessageContaining("only 8 bytes of data");
  }

  @Test
  void shapeThatDisagreesWithOffsets_isInconsistent() throws IOException {
    Path p = dir.resolve("i.safetensors");
    writeRaw(p, "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,16]}}", new byte[24]);
    assertThatThrownBy(() -> SafetensorsFile.open(p))
        .isInstanceOf(SafetensorsException.class)
        .hasMessageContaining("tensor 'w': shape [2,3] of F32 needs 24 bytes but data_offsets [0,16] span 16");
  }

  @Test
  void overlappingTensors_areRejected() throws IOException {
    Path p = dir.resolve("o.safetensors");
    writeRaw(p, "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]);
    assertThatThrownBy(() -> SafetensorsFile.open(p))
        .isInstanceOf(SafetensorsException.class)
        .hasMessageContaining("'a' and 'b' overlap");
  }

  @Test
  void unknownDtypeAndBadJson_areRejectedWithTheReason() throws IOException {
    Path p = dir.resolve("d.safetensors");
    writeRaw(p, "{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[2],\"data_offsets\":[0,2]}}", new byte[2]);
    assertThatThrownBy(() -> SafetensorsFile.open(p))
        .hasMessageContaining("unsupported safetensors dtype 'F8_E4M3'");
    Path q = dir.resolve("j.safetensors");
    writeRaw(q, "{not json", new byte[0]);
    assertThatThrownBy(() -> SafetensorsFile.open(q)).hasMessageContaining("not valid JSON");
  }

  @Test
  void fileLargerThan2GB_loadsTensorsBeyondTheFirst2GB() throws IOException {
    // A sparse file: the data section is 2.5 GB but only the last tensor's bytes are written.
    long padBytes = 2_500_000_000L;
    String header = "{\"pad\":{\"dtype\":\"U8\",\"shape\":[" + padBytes + "],\"data_offsets\":[0," + padBytes + "]},"
        + "\"tail\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[" + padBytes + "," + (padBytes + 16) + "]}}";
    Path p = dir.resolve("big.safetensors");
    byte[] h = padHeader(header);
    try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
      raf.write(lengthPrefix(h.length));
      raf.write(h);
      raf.seek(8 + h.length + padBytes);
      ByteBuffer tail = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      tail.putFloat(1f).putFloat(2f).putFloat(3f).putFloat(4f);
      raf.write(tail.array());
    }
    try (SafetensorsFile f = SafetensorsFile.open(p)) {
      assertThat(f.load("tail", manager).toFloatArray()).containsExactly(1f, 2f, 3f, 4f);
      assertThat(f.info("pad").byteLength()).isGreaterThan(Integer.MAX_VALUE);
    }
  }

  @Test
  void missingTensor_namesItAndTheFile() throws IOException {
    Path p = dir.resolve("m.safetensors");
    SafetensorsWriter.write(p, Map.of("x", manager.ones(new Shape(1))));
    try (SafetensorsFile f = SafetensorsFile.open(p)) {
      assertThatThrownBy(() -> f.load("y", manager))
          .hasMessageContaining("no tensor named 'y'")
          .hasMessageContaining("m.safetensors");
    }
  }

  private static void writeRaw(Path p, String header, byte[] data) throws IOException {
    byte[] h = header.getBytes(StandardCharsets.UTF_8);
    Files.write(p, concat(concat(lengthPrefix(h.length), h), data));
  }

  private static byte[] padHeader(String header) {
    byte[] raw = header.getBytes(StandardCharsets.UTF_8);
    int n = (raw.length + 7) / 8 * 8;
    byte[] out = new byte[n];
    java.util.Arrays.fill(out, (byte) ' ');
    System.arraycopy(raw, 0, out, 0, raw.length);
    return out;
  }

  private static byte[] lengthPrefix(long n) {
    return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(n).array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
