package io.dreamworker.loadtest.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * results.json: every figure of the report, for tools. It is built as an explicit tree rather than
 * by serializing the records, so that its keys are a contract of their own and do not change when
 * a field is renamed.
 *
 * <p>Layout ({@link #FORMAT}): {@code run}; {@code findings}; {@code series}, each with its
 * {@code knee_offered} and {@code distribution_offered} and its {@code steps}; each step with its
 * load, {@code throughput}, {@code counts}, the knee rule's verdict, {@code all} and {@code by_kind}
 * figures, and its {@code timeline}. Latencies are milliseconds in {@code latency_ms} and
 * {@code queueing_ms}: p50, p95, p99, p999, max, mean, and {@code percentiles} as
 * {@code [percentile, ms]} pairs at {@link LatencyDistribution#STANDARD_PERCENTILES}. Durations are
 * seconds (keys ending in {@code _s}). A value that is not a number (no job completed) is
 * {@code null}.
 */
final class ResultsJson {
  /** The layout's name and version, the first key of the file; bumped when a key changes meaning. */
  static final String FORMAT = "dreamworker-loadtest-results/1";
  private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ResultsJson() {}

  static byte[] bytes(ReportPlan plan) {
    try {
      return (MAPPER.writeValueAsString(tree(plan)) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      // A tree of plain nodes always serializes; anything else is a bug here.
      throw new IllegalStateException("results.json could not be serialized", e);
    }
  }

  static ObjectNode tree(ReportPlan plan) {
    ObjectNode root = NODES.objectNode();
    root.put("format", FORMAT);
    root.set("run", run(plan.report().run()));
    ArrayNode findings = root.putArray("findings");
    plan.report().findings().forEach(f -> findings.add(finding(f)));
    ArrayNode series = root.putArray("series");
    plan.series().forEach(p -> series.add(series(p)));
    return root;
  }

  private static ObjectNode run(RunInfo run) {
    ObjectNode node = NODES.objectNode();
    node.put("title", run.title());
    node.put("started", run.started().toString());
    ObjectNode machine = node.putObject("machine");
    machine.put("cores", run.machine().cores());
    machine.put("os", run.machine().os());
    machine.put("java", run.machine().javaVersion());
    ObjectNode bundle = node.putObject("bundle");
    bundle.put("name", run.bundleName());
    bundle.put("version", run.bundleVersion());
    node.put("seed", run.seed());
    ObjectNode settings = node.putObject("settings");
    run.settings().forEach(settings::put);
    return node;
  }

  private static ObjectNode finding(Finding f) {
    ObjectNode node = NODES.objectNode();
    node.put("name", f.name());
    node.put("value", f.value());
    node.put("detail", f.detail());
    if (f.numeric().isPresent()) {
      node.put("numeric", f.numeric().getAsDouble());
    } else {
      node.putNull("numeric");
    }
    if (f.target().isPresent()) {
      node.put("target", f.target().get().text());
      node.put("met", f.target().get().met());
    } else {
      node.putNull("target");
      node.putNull("met");
    }
    return node;
  }

  private static ObjectNode series(ReportPlan.SeriesPlan plan) {
    Series s = plan.series();
    ObjectNode node = NODES.objectNode();
    node.put("label", s.label());
    node.put("workers", s.workers());
    node.put("engine_mode", s.engineMode());
    node.put("load_mode", s.loadMode().name());
    if (plan.knee().knee().isPresent()) {
      node.put("knee_offered", plan.knee().knee().get().offered());
    } else {
      node.putNull("knee_offered");
    }
    node.put("distribution_offered", plan.distributionStep().offered());
    ArrayNode steps = node.putArray("steps");
    for (StepResult step : s.steps()) {
      steps.add(step(step, plan.knee()));
    }
    return node;
  }

  private static ObjectNode step(StepResult step, Knee.Analysis knee) {
    ObjectNode node = NODES.objectNode();
    node.put("offered", step.offered());
    node.put("warmup_s", Units.seconds(step.load().warmup()));
    node.put("measured_s", Units.seconds(step.load().measured()));
    node.put("throughput", step.throughput());
    Knee.Candidate candidate = knee.candidate(step);
    node.put("knee", knee.isKnee(step));
    number(node, "knee_power", candidate.power());
    if (candidate.exclusion().isPresent()) {
      node.put("knee_exclusion", candidate.exclusion().get());
    } else {
      node.putNull("knee_exclusion");
    }
    if (step.stopReason().isPresent()) {
      node.put("stop_reason", step.stopReason().get());
    } else {
      node.putNull("stop_reason");
    }
    node.set("counts", counts(step.counts()));
    node.set("all", kind(step.all()));
    ObjectNode byKind = node.putObject("by_kind");
    step.byKind().forEach((k, stats) -> byKind.set(k, kind(stats)));
    ArrayNode timeline = node.putArray("timeline");
    step.timeline().forEach(sample -> timeline.add(sample(sample)));
    return node;
  }

  private static ObjectNode counts(Counts c) {
    ObjectNode node = NODES.objectNode();
    node.put("submitted", c.submitted());
    node.put("completed", c.completed());
    node.put("succeeded", c.succeeded());
    node.put("failed", c.failed());
    node.put("rejected", c.rejected());
    node.put("timed_out", c.timedOut());
    node.put("lost", c.lost());
    node.put("duplicated", c.duplicated());
    node.put("errors", c.errors());
    return node;
  }

  private static ObjectNode kind(KindStats k) {
    ObjectNode node = NODES.objectNode();
    node.put("count", k.count());
    node.put("throughput", k.throughput());
    node.set("latency_ms", distribution(k.latency()));
    node.set("queueing_ms", distribution(k.queueing()));
    node.set("stage_means_ms", numbers(k.stageMeansMs()));
    return node;
  }

  private static ObjectNode distribution(LatencyDistribution d) {
    ObjectNode node = NODES.objectNode();
    node.put("count", d.count());
    number(node, "p50", d.p50Ms());
    number(node, "p95", d.p95Ms());
    number(node, "p99", d.p99Ms());
    number(node, "p999", d.p999Ms());
    number(node, "max", d.maxMs());
    number(node, "mean", d.meanMs());
    ArrayNode percentiles = node.putArray("percentiles");
    for (PercentilePoint p : d.standardPercentiles()) {
      percentiles.addArray().add(p.percentile()).add(p.ms());
    }
    return node;
  }

  private static ObjectNode sample(Sample s) {
    ObjectNode node = NODES.objectNode();
    node.put("at_s", Units.seconds(s.at()));
    node.put("in_flight", s.inFlight());
    node.put("consumer_lag", s.consumerLag());
    node.put("completed_per_second", s.completedPerSecond());
    number(node, "p95_ms", s.p95Ms());
    node.set("mean_batch_rows", numbers(s.meanBatchRows()));
    return node;
  }

  private static ObjectNode numbers(Map<String, Double> values) {
    ObjectNode node = NODES.objectNode();
    values.forEach(node::put);
    return node;
  }

  /** JSON has no NaN: a missing figure is null. */
  private static void number(ObjectNode node, String key, double value) {
    if (Double.isFinite(value)) {
      node.put(key, value);
    } else {
      node.putNull(key);
    }
  }
}
