package io.dreamworker.worker.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * An in-memory S3 for the unit tests of the classes' own logic (classification, ordering, limits):
 * HEAD, GET and PUT on a map, with failures scripted per request kind. The integration tests run
 * the same classes against a real S3 server.
 */
final class FakeS3 implements S3Client {

  enum Kind { HEAD, GET, PUT }

  /** An object as stored. */
  record Stored(byte[] bytes, String contentType) {}

  private final Map<String, Stored> objects = new ConcurrentHashMap<>();
  private final Map<Kind, Deque<RuntimeException>> failures = new EnumMap<>(Kind.class);
  private final List<String> calls = new CopyOnWriteArrayList<>();
  /** Bytes a GET returns instead of the stored ones, to play an object replaced after its HEAD. */
  private volatile byte[] getOverride;

  FakeS3() {
    for (Kind kind : Kind.values()) {
      failures.put(kind, new ArrayDeque<>());
    }
  }

  void store(String bucket, String key, byte[] bytes) {
    objects.put(bucket + "/" + key, new Stored(bytes, "application/octet-stream"));
  }

  Stored stored(String bucket, String key) {
    return objects.get(bucket + "/" + key);
  }

  /** The next requests of this kind fail with these, in order. */
  synchronized void failNext(Kind kind, RuntimeException... next) {
    failures.get(kind).addAll(List.of(next));
  }

  void returnOnGet(byte[] bytes) {
    getOverride = bytes;
  }

  /** {@code KIND bucket/key}, in order. */
  List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public HeadObjectResponse headObject(HeadObjectRequest request) {
    Stored stored = answer(Kind.HEAD, request.bucket(), request.key());
    return HeadObjectResponse.builder().contentLength((long) stored.bytes().length).build();
  }

  @Override
  public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
    Stored stored = answer(Kind.GET, request.bucket(), request.key());
    byte[] bytes = getOverride != null ? getOverride : stored.bytes();
    return new ResponseInputStream<>(GetObjectResponse.builder().contentLength((long) bytes.length).build(),
        AbortableInputStream.create(new ByteArrayInputStream(bytes)));
  }

  @Override
  public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
    String where = request.bucket() + "/" + request.key();
    calls.add(Kind.PUT + " " + where);
    failIfScripted(Kind.PUT);
    try (InputStream in = body.contentStreamProvider().newStream()) {
      objects.put(where, new Stored(in.readAllBytes(), request.contentType()));
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return PutObjectResponse.builder().build();
  }

  private Stored answer(Kind kind, String bucket, String key) {
    String where = bucket + "/" + key;
    calls.add(kind + " " + where);
    failIfScripted(kind);
    Stored stored = objects.get(where);
    if (stored == null) {
      throw NoSuchKeyException.builder().statusCode(404).message("The specified key does not exist.").build();
    }
    return stored;
  }

  private synchronized void failIfScripted(Kind kind) {
    RuntimeException failure = failures.get(kind).poll();
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String serviceName() {
    return SERVICE_NAME;
  }

  @Override
  public void close() {}
}
