package io.dreamworker.loadtest.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.loadtest.workload.JobKind;
import io.dreamworker.loadtest.workload.JobSpec;
import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.CompletionEvent.Status;
import io.dreamworker.schemas.DeadLetter;
import io.dreamworker.schemas.ErrorInfo;
import io.dreamworker.worker.stack.S3Server;
import io.dreamworker.worker.stack.StackLib;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The audit against a real S3 server holding crafted outputs: a clean run passes, and each kind of
 * fault the chaos harness must catch is caught, named, and counted once.
 */
class OutputAuditTest {
  private static final String BUCKET = "audit";
  private static final String PREFIX = "run";

  @TempDir static Path dir;
  static S3Server server;
  static S3Client s3;
  private static int bucketNumber;

  private String bucket;
  private final List<JobSpec> jobs = new ArrayList<>();
  private final Map<String, List<EventLedger.Arrival>> events = new java.util.HashMap<>();
  private final List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
  private long offset;

  @BeforeAll
  static void startS3() {
    server = S3Server.start(StackLib.fromSystemProperty(), dir.resolve("s3"));
    s3 = server.newClient();
  }

  @AfterAll
  static void stopS3() {
    if (s3 != null) {
      s3.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void newBucket() {
    bucket = BUCKET + "-" + (++bucketNumber);
    server.createBucket(bucket);
  }

  private AuditResult audit() {
    return new OutputAudit(s3, bucket, PREFIX).audit(jobs, events, deadLetters);
  }

  @Test
  void cleanRun_passes() throws Exception {
    newBucket();
    drawing("draw-1", List.of("png-a".getBytes(StandardCharsets.UTF_8)));
    caption("cap-1");
    failed("bad-1", "SCHEMA_VIOLATION", true);

    AuditResult result = audit();
    assertThat(result.problems()).isEmpty();
    assertThat(result.clean()).isTrue();
    assertThat(result.byStatus()).containsEntry("succeeded", 2).containsEntry("failed", 1);
    assertThat(result.failedByCode()).containsEntry("SCHEMA_VIOLATION", 1);
  }

  @Test
  void jobWithoutEvent_isLost_andJobWithTwo_isDuplicated() throws Exception {
    newBucket();
    jobs.add(new JobSpec("gone", JobKind.CAPTION, new byte[0], Optional.empty()));
    caption("twice");
    events.get("twice").add(events.get("twice").get(0));

    AuditResult result = audit();
    assertThat(result.lost()).isEqualTo(1);
    assertThat(result.duplicated()).isEqualTo(1);
    assertThat(result.mismatched()).isZero();
    assertThat(result.problems()).anyMatch(p -> p.startsWith("lost: gone"))
        .anyMatch(p -> p.startsWith("duplicated: twice has 2"));
  }

  @Test
  void imageWhoseBytesAreNotTheDocuments_isMismatched() throws Exception {
    newBucket();
    drawing("draw-2", List.of("png-a".getBytes(StandardCharsets.UTF_8)));
    put(PREFIX + "/draw-2/img-0.png", "another picture".getBytes(StandardCharsets.UTF_8));

    AuditResult result = audit();
    assertThat(result.mismatched()).isEqualTo(1);
    assertThat(result.problems()).singleElement().asString().contains("img-0.png is 15 bytes");
  }

  @Test
  void orphanImageBesideADocument_andMissingImage_areMismatched() throws Exception {
    newBucket();
    drawing("draw-3", List.of("a".getBytes(StandardCharsets.UTF_8)));
    put(PREFIX + "/draw-3/img-1.png", "left by an attempt that drew two".getBytes(StandardCharsets.UTF_8));
    drawing("draw-4", List.of("b".getBytes(StandardCharsets.UTF_8)));
    s3.deleteObject(b -> b.bucket(bucket).key(PREFIX + "/draw-4/img-0.png"));

    AuditResult result = audit();
    assertThat(result.mismatched()).isEqualTo(2);
    assertThat(result.problems()).anyMatch(p -> p.contains("draw-3") && p.contains("orphan file"))
        .anyMatch(p -> p.contains("draw-4") && p.contains("which is not there"));
  }

  @Test
  void succeededDrawingWithoutItsDocument_isMismatched() throws Exception {
    newBucket();
    drawing("draw-5", List.of("a".getBytes(StandardCharsets.UTF_8)));
    s3.deleteObject(b -> b.bucket(bucket).key(PREFIX + "/draw-5/document.json"));
    assertThat(audit().problems()).singleElement().asString().contains("which is not there");
  }

  @Test
  void failedJobWithAFinishedDocument_orWithoutItsDeadLetter_isMismatched() throws Exception {
    newBucket();
    failed("fail-1", "WORKERS_LOST", false);
    failed("fail-2", "ENGINE_FAILED", true);
    put(PREFIX + "/fail-2/document.json", "{}".getBytes(StandardCharsets.UTF_8));

    AuditResult result = audit();
    assertThat(result.mismatched()).isEqualTo(2);
    assertThat(result.problems()).anyMatch(p -> p.contains("fail-1") && p.contains("0 dead letters"))
        .anyMatch(p -> p.contains("fail-2") && p.contains("finished document.json"));
  }

  @Test
  void captionWithFiles_andFilesOfNoJob_areMismatched() throws Exception {
    newBucket();
    caption("cap-2");
    put(PREFIX + "/cap-2/img-0.png", new byte[] {1});
    put(PREFIX + "/stranger/document.json", new byte[] {1});

    AuditResult result = audit();
    assertThat(result.mismatched()).isEqualTo(2);
    assertThat(result.problems()).anyMatch(p -> p.contains("a caption job with files"))
        .anyMatch(p -> p.contains("belong to no job"));
  }

  // --- crafted outputs, as the worker writes them

  private void drawing(String id, List<byte[]> pngs) throws Exception {
    jobs.add(new JobSpec(id, JobKind.TEXT_TO_IMAGE, new byte[0], Optional.empty()));
    String folder = PREFIX + "/" + id + "/";
    StringBuilder segments = new StringBuilder();
    List<String> uris = new ArrayList<>();
    for (int n = 0; n < pngs.size(); n++) {
      String key = folder + "img-" + n + ".png";
      String uri = "s3://" + bucket + "/" + key;
      put(key, pngs.get(n));
      uris.add(uri);
      segments.append(segments.isEmpty() ? "" : ",").append("{\"type\":\"image\",\"index\":").append(n)
          .append(",\"key\":\"").append(key).append("\",\"uri\":\"").append(uri).append("\",\"bytes\":")
          .append(pngs.get(n).length).append(",\"sha256\":\"").append(sha256(pngs.get(n))).append("\"}");
    }
    put(folder + "document.md", "# story".getBytes(StandardCharsets.UTF_8));
    put(folder + "document.json", ("{\"job_id\":\"" + id + "\",\"segments\":[" + segments + "]}")
        .getBytes(StandardCharsets.UTF_8));
    event(id, Status.SUCCEEDED, new CompletionEvent.Outputs(Optional.of("s3://" + bucket + "/" + folder
        + "document.json"), uris, Optional.of("s3://" + bucket + "/" + folder + "document.md")), Optional.empty(),
        Optional.empty());
  }

  private void caption(String id) {
    jobs.add(new JobSpec(id, JobKind.CAPTION, new byte[0], Optional.empty()));
    event(id, Status.SUCCEEDED, CompletionEvent.Outputs.NONE, Optional.of("a red circle"), Optional.empty());
  }

  private void failed(String id, String code, boolean withDeadLetter) {
    jobs.add(new JobSpec(id, JobKind.TEXT_TO_IMAGE, new byte[0], Optional.empty()));
    long position = event(id, Status.FAILED, CompletionEvent.Outputs.NONE, Optional.empty(),
        Optional.of(new ErrorInfo(code, "it failed")));
    if (withDeadLetter) {
      ConsumerRecord<byte[], byte[]> letter = new ConsumerRecord<>("run.dlq", 0, deadLetters.size(),
          id.getBytes(StandardCharsets.UTF_8), new byte[0]);
      letter.headers().add(new RecordHeader(DeadLetter.HEADER_ORIGINAL_PARTITION, "0".getBytes(StandardCharsets.UTF_8)));
      letter.headers().add(new RecordHeader(DeadLetter.HEADER_ORIGINAL_OFFSET,
          Long.toString(position).getBytes(StandardCharsets.UTF_8)));
      deadLetters.add(letter);
    }
  }

  /** An event for {@code id} as the worker makes it, for the record at partition 0 and the next offset. */
  private long event(String id, Status status, CompletionEvent.Outputs outputs, Optional<String> caption,
      Optional<ErrorInfo> error) {
    long position = offset++;
    CompletionEvent event = new CompletionEvent(id + "@run.jobs-0-" + position, "urn:test", Instant.now(),
        new CompletionEvent.Result(id, status, outputs, caption, new CompletionEvent.Timings(0, Map.of(), 0),
            new CompletionEvent.Bundle("tiny", "1"), error, Map.of()));
    events.computeIfAbsent(id, k -> new ArrayList<>()).add(new EventLedger.Arrival(event, Instant.now(), 0, position));
    return position;
  }

  private void put(String key, byte[] bytes) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
