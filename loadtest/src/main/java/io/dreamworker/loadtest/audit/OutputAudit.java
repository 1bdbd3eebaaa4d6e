package io.dreamworker.loadtest.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dreamworker.loadtest.workload.JobSpec;
import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.CompletionEvent.Status;
import io.dreamworker.schemas.DeadLetter;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Checks a finished run against what its jobs should have left behind: exactly one completion
 * event per job (as {@code read_committed} readers see them), and for each event the files it
 * reports, neither more nor less.
 *
 * <ul>
 *   <li>A succeeded drawing or story: its {@code document.json} and {@code document.md} exist, every
 *       image the document lists exists with the size and SHA-256 the document records, the event's
 *       image URIs are the document's in order, and nothing else is under the job's folder (no
 *       image left by an earlier attempt that drew more).
 *   <li>A succeeded caption: its caption is in the event, and it has no folder.
 *   <li>A failed or rejected job: no document under its folder (a finished document of a job
 *       reported as failed would be an orphan of a success that was never reported), and one dead
 *       letter that points at its record.
 *   <li>No folder of a job that was never sent.
 * </ul>
 *
 * <p>Images are fetched with plain GETs (the S3 server of the embedded stack serves no ranges).
 */
public final class OutputAudit {
  /** Lines of detail kept for the report. */
  private static final int MAX_PROBLEMS = 300;

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param prefix the workers' output prefix: each job's files are under {@code prefix/jobId/}
   */
  public OutputAudit(S3Client s3, String bucket, String prefix) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  /**
   * Audits {@code jobs} against their events and the dead letters.
   *
   * @param events every event read, by job id
   * @param deadLetters every dead letter read
   */
  public AuditResult audit(List<JobSpec> jobs, Map<String, List<EventLedger.Arrival>> events,
      List<ConsumerRecord<byte[], byte[]>> deadLetters) {
    Map<String, List<String>> objects = objectsByJob();
    Map<String, List<ConsumerRecord<byte[], byte[]>>> lettersByJob = lettersByJob(deadLetters);
    Set<String> sent = new HashSet<>();
    List<String> problems = new ArrayList<>();
    int lost = 0;
    int duplicated = 0;
    int mismatched = 0;
    Map<String, Integer> byStatus = new TreeMap<>();
    Map<String, Integer> failedByCode = new TreeMap<>();
    for (JobSpec job : jobs) {
      sent.add(job.jobId());
      List<EventLedger.Arrival> arrivals = events.getOrDefault(job.jobId(), List.of());
      if (arrivals.isEmpty()) {
        lost++;
        note(problems, "lost: " + job.jobId() + " has no completion event");
        continue;
      }
      if (arrivals.size() > 1) {
        duplicated++;
        note(problems, "duplicated: " + job.jobId() + " has " + arrivals.size() + " completion events (ids "
            + arrivals.stream().map(a -> a.event().id()).toList() + ")");
      }
      CompletionEvent event = arrivals.get(0).event();
      byStatus.merge(event.data().status().wireName(), 1, Integer::sum);
      event.data().error().ifPresent(error -> failedByCode.merge(error.code(), 1, Integer::sum));
      List<String> found = new ArrayList<>();
      checkFiles(job, event, objects.getOrDefault(job.jobId(), List.of()), found);
      checkDeadLetter(job, event, lettersByJob.getOrDefault(job.jobId(), List.of()), found);
      if (!found.isEmpty()) {
        mismatched++;
        found.forEach(problem -> note(problems, "mismatched: " + job.jobId() + ": " + problem));
      }
    }
    for (String folder : objects.keySet()) {
      if (!sent.contains(folder)) {
        mismatched++;
        note(problems, "mismatched: files under " + prefix + "/" + folder + "/ belong to no job that was sent");
      }
    }
    return new AuditResult(jobs.size(), lost, duplicated, mismatched, byStatus, failedByCode, problems);
  }

  private void checkFiles(JobSpec job, CompletionEvent event, List<String> keys, List<String> found) {
    String folder = prefix + "/" + job.jobId() + "/";
    CompletionEvent.Result data = event.data();
    if (data.status() != Status.SUCCEEDED) {
      if (keys.contains(folder + "document.json")) {
        found.add("reported " + data.status().wireName() + " but its folder holds a finished document.json");
      }
      return;
    }
    if (!job.writesFiles()) {
      if (data.caption().isEmpty()) {
        found.add("a succeeded caption job without a caption in its event");
      }
      if (!keys.isEmpty()) {
        found.add("a caption job with files: " + keys);
      }
      return;
    }
    Optional<String> document = data.outputs().document();
    if (document.isEmpty()) {
      found.add("succeeded without a document in its event");
      return;
    }
    Set<String> expected = new HashSet<>();
    String documentKey = folder + "document.json";
    if (!document.get().equals("s3://" + bucket + "/" + documentKey)) {
      found.add("its event's document " + document.get() + " is not " + documentKey);
    }
    expected.add(documentKey);
    expected.add(folder + "document.md");
    if (!keys.contains(folder + "document.md")) {
      found.add("no document.md");
    }
    JsonNode parsed;
    try {
      parsed = json.readTree(get(documentKey).asByteArray());
    } catch (NoSuchKeyException e) {
      found.add("its event reports " + documentKey + ", which is not there");
      return;
    } catch (IOException e) {
      found.add("document.json does not parse: " + e.getMessage());
      return;
    }
    List<String> imageUris = new ArrayList<>();
    for (JsonNode segment : parsed.path("segments")) {
      if (!"image".equals(segment.path("type").asText())) {
        continue;
      }
      String key = segment.path("key").asText();
      imageUris.add(segment.path("uri").asText());
      expected.add(key);
      if (!keys.contains(key)) {
        found.add("its document lists " + key + ", which is not there");
        continue;
      }
      byte[] png = get(key).asByteArray();
      String digest = sha256(png);
      if (png.length != segment.path("bytes").asLong(-1) || !digest.equals(segment.path("sha256").asText())) {
        found.add(key + " is " + png.length + " bytes with SHA-256 " + digest + ", its document says "
            + segment.path("bytes").asLong(-1) + " bytes with " + segment.path("sha256").asText());
      }
    }
    if (!imageUris.equals(data.outputs().images())) {
      found.add("its event's images " + data.outputs().images() + " are not its document's " + imageUris);
    }
    for (String key : keys) {
      if (!expected.contains(key)) {
        found.add("an orphan file beside its own: " + key);
      }
    }
  }

  private static void checkDeadLetter(JobSpec job, CompletionEvent event, List<ConsumerRecord<byte[], byte[]>> letters,
      List<String> found) {
    boolean expected = event.data().status() != Status.SUCCEEDED;
    if (expected && letters.size() != 1) {
      found.add("reported " + event.data().status().wireName() + " with " + letters.size() + " dead letters, not 1");
    } else if (!expected && !letters.isEmpty()) {
      found.add("succeeded, yet has " + letters.size() + " dead letters");
    } else if (expected) {
      String position = header(letters.get(0), DeadLetter.HEADER_ORIGINAL_PARTITION) + "-"
          + header(letters.get(0), DeadLetter.HEADER_ORIGINAL_OFFSET);
      if (!event.id().endsWith("-" + position)) {
        found.add("its dead letter points at " + position + ", its event " + event.id());
      }
    }
  }

  /** Every object under the prefix, by the job folder it is in. */
  private Map<String, List<String>> objectsByJob() {
    Map<String, List<String>> byJob = new HashMap<>();
    for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + "/")).contents()) {
      String rest = object.key().substring(prefix.length() + 1);
      int slash = rest.indexOf('/');
      String folder = slash < 0 ? rest : rest.substring(0, slash);
      byJob.computeIfAbsent(folder, f -> new ArrayList<>()).add(object.key());
    }
    return byJob;
  }

  /** Dead letters by the key of their original record (the job id). */
  private static Map<String, List<ConsumerRecord<byte[], byte[]>>> lettersByJob(
      List<ConsumerRecord<byte[], byte[]>> letters) {
    Map<String, List<ConsumerRecord<byte[], byte[]>>> byJob = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> letter : letters) {
      String key = letter.key() == null ? "" : new String(letter.key(), java.nio.charset.StandardCharsets.UTF_8);
      byJob.computeIfAbsent(key, k -> new ArrayList<>()).add(letter);
    }
    return byJob;
  }

  private ResponseBytes<GetObjectResponse> get(String key) {
    return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? "?" : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every Java runtime has SHA-256", impossible);
    }
  }

  private static void note(List<String> problems, String problem) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(problem);
    }
  }
}
