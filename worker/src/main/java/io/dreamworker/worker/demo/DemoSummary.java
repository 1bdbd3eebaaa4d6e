package io.dreamworker.worker.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the demo did: each job's outcome and where its files are, for the terminal and as JSON.
 *
 * @param jobs in the order they were sent
 * @param deadLetters records on the dead-letter topic after the run
 * @param outputDir the folder holding the S3 server's objects
 * @param bundle the bundle's name and version
 */
public record DemoSummary(List<JobSummary> jobs, long deadLetters, Path outputDir, String bundle) {
  /** A caption longer than this is cut in the table, so that each job stays on one line. */
  static final int MAX_SHOWN_CHARS = 60;

  /**
   * One job's outcome.
   *
   * @param kind caption, text_to_image, interleaved, or invalid (a record that is not a job)
   * @param status succeeded, failed or rejected
   * @param caption a caption job's text
   * @param outputs the S3 URIs of its files
   * @param files the same files on the local disk (the S3 server's filesystem backend)
   * @param error the error code and message of a job that did not succeed
   * @param totalMs from sending the record to its completion event
   */
  public record JobSummary(String id, String kind, String description, String status, Optional<String> caption,
      List<String> outputs, List<Path> files, Optional<String> error, long totalMs) {
    public JobSummary {
      outputs = List.copyOf(outputs);
      files = List.copyOf(files);
    }
  }

  public DemoSummary {
    jobs = List.copyOf(jobs);
  }

  /** Whether every job ended as the demo meant: valid jobs succeeded, invalid records were rejected. */
  public boolean asExpected() {
    return jobs.stream().allMatch(j -> j.kind().equals(DemoJobs.INVALID)
        ? j.status().equals("rejected") : j.status().equals("succeeded"));
  }

  /** The summary for a person. */
  public void print(PrintWriter out) {
    out.println();
    out.printf("%-20s %-14s %-10s %8s  %s%n", "job", "kind", "status", "time", "result");
    for (JobSummary job : jobs) {
      String result = job.caption().map(c -> "caption: \"" + shortened(printable(c)) + "\"")
          .or(() -> job.error())
          .orElse(job.files().isEmpty() ? "no files" : job.files().size() + " files in "
              + outputDir.relativize(job.files().get(0).getParent()));
      out.printf("%-20s %-14s %-10s %6.1f s  %s%n", job.id(), job.kind(), job.status(), job.totalMs() / 1000.0,
          result);
    }
    out.println();
    jobs.stream().filter(j -> !j.files().isEmpty()).forEach(j -> {
      out.printf("%s (%s):%n", j.id(), j.description());
      j.files().forEach(f -> out.printf("  %s%n", f));
    });
    out.printf("%ndead letters: %d (the invalid records, each with its reason in the dw-error-* headers)%n",
        deadLetters);
    out.printf("bundle: %s%n", bundle);
    if (bundle.contains("random")) {
      out.println("(a bundle of random weights: the pipeline runs for real, but its captions and pictures are noise)");
    }
  }

  /** At most {@link #MAX_SHOWN_CHARS} characters, marked when cut; the JSON keeps the whole text. */
  static String shortened(String text) {
    return text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "...";
  }

  /** Text as a terminal shows it safely: control and unprintable characters as {@code \\uXXXX}. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(c -> {
      if (Character.isISOControl(c) || !Character.isDefined(c) || c == 0xFFFD
          || Character.getType(c) == Character.PRIVATE_USE || Character.getType(c) == Character.SURROGATE) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  /** The summary as JSON: {@code jobs} (id, type, status, outputs, files, ...), {@code dead_letters}. */
  public void writeJson(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    ArrayNode list = root.putArray("jobs");
    for (JobSummary job : jobs) {
      ObjectNode node = list.addObject();
      node.put("id", job.id());
      node.put("type", job.kind());
      node.put("status", job.status());
      node.put("description", job.description());
      job.caption().ifPresent(c -> node.put("caption", c));
      ArrayNode outputs = node.putArray("outputs");
      job.outputs().forEach(outputs::add);
      ArrayNode files = node.putArray("files");
      job.files().forEach(f -> files.add(f.toString()));
      job.error().ifPresent(e -> node.put("error", e));
      node.put("total_ms", job.totalMs());
    }
    root.put("dead_letters", deadLetters);
    root.put("output_dir", outputDir.toString());
    root.put("bundle", bundle);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, mapper.writeValueAsString(root) + "\n");
  }
}
