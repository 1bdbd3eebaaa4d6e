package io.dreamworker.loadtest.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dreamworker.loadtest.audit.AuditResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a chaos run did and found.
 *
 * @param jobs jobs sent, poison ones included
 * @param poisonJobs of which poison
 * @param kills workers SIGKILLed
 * @param terminations workers SIGTERMed and restarted
 * @param scaleOuts workers added
 * @param scaleIns workers stopped for good
 * @param crashes workers that exited on their own (poison jobs) and were replaced
 * @param rebalances changes of the consumer group's epoch
 * @param audit what the events and the files say
 * @param poisonAsExpected poison jobs that failed with the error their fault should give
 * @param hiddenEvents event records that a {@code read_uncommitted} reader saw and a
 *     {@code read_committed} one did not: the events of aborted transactions
 * @param seconds the run's length, from the first job sent to the last event read
 * @param delivery the throughput comparison of the two delivery modes, when it was run
 */
public record ChaosReport(int jobs, int poisonJobs, int kills, int terminations, int scaleOuts, int scaleIns,
    int crashes, int rebalances, AuditResult audit, int poisonAsExpected, long hiddenEvents, double seconds,
    Optional<DeliveryComparison.Result> delivery) {

  /** Whether the run proved what it should: nothing lost, nothing twice, nothing mismatched. */
  public boolean passed() {
    return audit.clean() && poisonAsExpected == poisonJobs;
  }

  /** The report as JSON: the figures first ({@code jobs, kills, rebalances, lost, duplicated, mismatched}). */
  public String toJson() {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("jobs", jobs);
    root.put("kills", kills);
    root.put("rebalances", rebalances);
    root.put("lost", audit.lost());
    root.put("duplicated", audit.duplicated());
    root.put("mismatched", audit.mismatched());
    root.put("passed", passed());
    root.put("poison_jobs", poisonJobs);
    root.put("poison_failed_as_expected", poisonAsExpected);
    root.put("terminations", terminations);
    root.put("scale_outs", scaleOuts);
    root.put("scale_ins", scaleIns);
    root.put("crashes", crashes);
    ObjectNode statuses = root.putObject("statuses");
    audit.byStatus().forEach(statuses::put);
    ObjectNode codes = root.putObject("error_codes");
    audit.failedByCode().forEach(codes::put);
    root.put("events_hidden_by_aborted_transactions", hiddenEvents);
    root.put("seconds", Math.round(seconds * 10) / 10.0);
    root.put("jobs_per_second", Math.round(jobs / seconds * 100) / 100.0);
    delivery.ifPresent(d -> {
      ObjectNode node = root.putObject("delivery_comparison");
      node.put("jobs_per_run", d.jobsPerRun());
      node.put("workers", d.workers());
      node.putPOJO("exactly_once_jobs_per_second", d.exactlyOnce());
      node.putPOJO("at_least_once_jobs_per_second", d.atLeastOnce());
      node.put("exactly_once_over_at_least_once", Math.round(d.ratio() * 1000) / 1000.0);
    });
    root.putPOJO("problems", audit.problems());
    try {
      return json.writeValueAsString(root) + "\n";
    } catch (IOException impossible) {
      throw new IllegalStateException("writing a JSON tree failed", impossible);
    }
  }

  /** Writes {@link #toJson()} to {@code file}. */
  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, toJson());
  }

  /** A few lines for a terminal. */
  public List<String> summary() {
    String verdict = passed() ? "PASSED" : "FAILED";
    List<String> lines = new java.util.ArrayList<>(List.of(
        String.format(java.util.Locale.ROOT, "%s: %d jobs (%d poison) in %.1f s, %.1f jobs/s", verdict, jobs,
            poisonJobs, seconds, jobs / seconds),
        String.format(java.util.Locale.ROOT,
            "disruptions: %d kills, %d terminations, %d scale-outs, %d scale-ins; %d crashes by poison jobs;"
                + " %d rebalances", kills, terminations, scaleOuts, scaleIns, crashes, rebalances),
        String.format(java.util.Locale.ROOT, "lost %d, duplicated %d, mismatched %d; statuses %s; errors %s",
            audit.lost(), audit.duplicated(), audit.mismatched(), audit.byStatus(), audit.failedByCode()),
        String.format(java.util.Locale.ROOT, "poison jobs failed as expected: %d of %d; events of aborted"
            + " transactions hidden from read_committed readers: %d", poisonAsExpected, poisonJobs, hiddenEvents)));
    delivery.ifPresent(d -> lines.add(String.format(java.util.Locale.ROOT,
        "delivery: exactly-once %s jobs/s, at-least-once %s jobs/s (%d jobs, %d workers): exactly-once is %.3f of"
            + " at-least-once", d.exactlyOnce(), d.atLeastOnce(), d.jobsPerRun(), d.workers(), d.ratio())));
    audit.problems().stream().limit(20).forEach(p -> lines.add("  " + p));
    return lines;
  }
}
