package io.dreamworker.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What report.md and report.html say, in order: the title and the run, the findings, the charts,
 * the knee rule, then one section per series with a table of its steps and a table of every step's
 * job kinds.
 * Built once as {@link Block}s; the renderers only spell it.
 */
final class ReportContent {
  /** How {@link Knee} picks a series' knee, said once before the series. */
  static final String KNEE_RULE = "A series' knee is the step to size a fleet by: of the steps where at most "
      + Units.percent(Knee.MAX_UNSERVED_FRACTION) + " of the submitted jobs failed, timed out or were lost and, in"
      + " open loop, the throughput came within " + Units.percent(Knee.MAX_THROUGHPUT_SHORTFALL) + " of the offered"
      + " rate, the one with the most throughput per second of p95 latency (Kleinrock's power). Past it, p95 latency"
      + " grows faster than throughput. Each step's table row says why a step did not qualify.";

  private ReportContent() {}

  static List<Block> build(ReportPlan plan) {
    List<Block> blocks = new ArrayList<>();
    RunInfo run = plan.report().run();
    blocks.add(new Block.Heading(1, run.title()));
    int stepCount = plan.series().stream().mapToInt(p -> p.series().steps().size()).sum();
    blocks.add(new Block.Bullets(List.of(
        "Started: " + run.started(),
        "Machine: " + run.machine().describe(),
        "Bundle: " + run.bundleName() + " " + run.bundleVersion(),
        "Seed: " + run.seed(),
        "Series: " + plan.series().size() + ", steps: " + stepCount)));
    if (!run.settings().isEmpty()) {
      blocks.add(new Block.Heading(2, "Settings"));
      blocks.add(new Block.Table(List.of(Block.Column.text("setting"), Block.Column.text("value")),
          run.settings().entrySet().stream().map(e -> List.of(e.getKey(), e.getValue())).toList()));
    }
    findings(blocks, plan.report().findings());
    charts(blocks, plan);
    blocks.add(new Block.Heading(2, "The knee"));
    blocks.add(new Block.Paragraph(KNEE_RULE));
    for (ReportPlan.SeriesPlan s : plan.series()) {
      series(blocks, s);
    }
    return blocks;
  }

  private static void findings(List<Block> blocks, List<Finding> findings) {
    blocks.add(new Block.Heading(2, "Findings"));
    if (findings.isEmpty()) {
      blocks.add(new Block.Paragraph("The sweep recorded no findings."));
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (Finding f : findings) {
      rows.add(List.of(f.name(), f.value(), f.target().map(Finding.Target::text).orElse(""),
          f.target().map(t -> t.met() ? "yes" : "no").orElse(""), f.detail()));
    }
    blocks.add(new Block.Table(List.of(Block.Column.text("finding"), Block.Column.number("value"),
        Block.Column.text("target"), Block.Column.text("met"), Block.Column.text("detail")), rows));
  }

  private static void charts(List<Block> blocks, ReportPlan plan) {
    blocks.add(new Block.Heading(2, "Charts"));
    blocks.add(image(ChartKind.LATENCY_VS_THROUGHPUT, "p50 (solid), p95 (dashed) and p99 (dotted) end-to-end latency"
        + " against achieved throughput, a point per step in the order of offered load, a colour per series."
        + " Where a curve turns upward, more load buys latency rather than throughput."));
    String steps = plan.series().isEmpty() ? "no series ran"
        : plan.series().stream().map(LatencyDistributionChart::legend).collect(Collectors.joining("; "));
    blocks.add(image(ChartKind.LATENCY_DISTRIBUTION, "The whole end-to-end latency distribution of one step per"
        + " series, by percentile: " + steps + ". A series shows its knee unless the report was asked for another"
        + " step, or its lowest load when no step qualified as the knee."));
    blocks.add(image(ChartKind.BATCH_SIZE_OVER_TIME, "Mean rows per batch of each engine stage, over each series'"
        + " whole sweep with its steps back to back; a marker gives each step's start and offered load."));
    blocks.add(image(ChartKind.CONSUMER_LAG_OVER_TIME, "Consumer lag of the jobs topic (left axis) and jobs in"
        + " flight (right axis), over each series' whole sweep with its steps back to back. Lag that grows"
        + " throughout a step means the fleet did not keep up with it."));
  }

  private static Block.Image image(ChartKind kind, String caption) {
    return new Block.Image(kind.relativePath(), kind.title(), kind.title() + ". " + caption);
  }

  private static void series(List<Block> blocks, ReportPlan.SeriesPlan plan) {
    Series s = plan.series();
    blocks.add(new Block.Heading(2, "Series: " + s.label()));
    boolean sameWindows = s.steps().stream().map(st -> List.of(st.load().warmup(), st.load().measured()))
        .distinct().count() == 1;
    StepResult first = s.steps().get(0);
    blocks.add(new Block.Paragraph(Units.workers(s.workers()) + ", engine "
        + s.engineMode() + ", " + (s.loadMode() == LoadMode.OPEN_LOOP ? "open loop" : "closed loop")
        + (sameWindows ? "; every step warmed up for " + Units.duration(first.load().warmup())
            + " and was measured for " + Units.duration(first.load().measured()) + "." : ".")));
    blocks.add(new Block.Paragraph(kneeSentence(plan.knee())));
    stepsTable(blocks, plan, sameWindows);
    StepResult last = s.steps().get(s.steps().size() - 1);
    last.stopReason().ifPresent(reason -> blocks.add(new Block.Paragraph("The sweep stopped after "
        + last.loadMode().formatOffered(last.offered()) + ": " + reason + ".")));
    kindsTable(blocks, plan);
  }

  /** The knee in one sentence: where it is, what it achieved. */
  static String kneeSentence(Knee.Analysis knee) {
    if (knee.knee().isEmpty()) {
      return "No knee: no step qualified (see the knee rule above, and each step's row).";
    }
    StepResult k = knee.knee().get();
    return "Knee at " + k.loadMode().formatOffered(k.offered()) + " offered: " + Units.throughput(k.throughput())
        + " achieved at p95 " + Units.latency(k.all().latency().p95Ms()) + ".";
  }

  private static void stepsTable(List<Block> blocks, ReportPlan.SeriesPlan plan, boolean sameWindows) {
    Series s = plan.series();
    List<Block.Column> columns = new ArrayList<>(List.of(Block.Column.number(s.loadMode().offeredHeading()),
        Block.Column.number("throughput (jobs/s)"), Block.Column.number("jobs"), Block.Column.number("p50"),
        Block.Column.number("p95"), Block.Column.number("p99"), Block.Column.number("max"),
        Block.Column.number("errors"), Block.Column.number("lost"), Block.Column.number("duplicated")));
    if (!sameWindows) {
      columns.add(Block.Column.text("warm-up / measured"));
    }
    columns.add(Block.Column.text("knee rule"));
    List<List<String>> rows = new ArrayList<>();
    for (StepResult step : s.steps()) {
      LatencyDistribution latency = step.all().latency();
      List<String> row = new ArrayList<>(List.of(s.loadMode().formatOfferedValue(step.offered()),
          Units.jobsPerSecond(step.throughput()), Units.count(step.all().count()), Units.latency(latency.p50Ms()),
          Units.latency(latency.p95Ms()), Units.latency(latency.p99Ms()), Units.latency(latency.maxMs()),
          errors(step.counts()), Units.count(step.counts().lost()), Units.count(step.counts().duplicated())));
      if (!sameWindows) {
        row.add(Units.duration(step.load().warmup()) + " / " + Units.duration(step.load().measured()));
      }
      row.add(plan.knee().isKnee(step) ? "knee" : plan.knee().candidate(step).exclusion().orElse(""));
      rows.add(row);
    }
    blocks.add(new Block.Table(columns, rows));
  }

  /** {@code "0"}, or the total and its parts: {@code "3 (1 failed, 2 timed out)"}. */
  static String errors(Counts c) {
    if (c.errors() == 0) {
      return "0";
    }
    List<String> parts = new ArrayList<>();
    if (c.failed() > 0) {
      parts.add(c.failed() + " failed");
    }
    if (c.rejected() > 0) {
      parts.add(c.rejected() + " rejected");
    }
    if (c.timedOut() > 0) {
      parts.add(c.timedOut() + " timed out");
    }
    return c.errors() + " (" + String.join(", ", parts) + ")";
  }

  private static void kindsTable(List<Block> blocks, ReportPlan.SeriesPlan plan) {
    Series s = plan.series();
    blocks.add(new Block.Heading(3, "Per kind: " + s.label()));
    List<List<String>> rows = new ArrayList<>();
    for (StepResult step : s.steps()) {
      String offered = s.loadMode().formatOfferedValue(step.offered()) + (plan.knee().isKnee(step) ? " (knee)" : "");
      for (Map.Entry<String, KindStats> e : step.byKind().entrySet()) {
        KindStats k = e.getValue();
        rows.add(List.of(offered, e.getKey(), Units.count(k.count()), Units.jobsPerSecond(k.throughput()),
            Units.latency(k.latency().p50Ms()), Units.latency(k.latency().p95Ms()),
            Units.latency(k.latency().p99Ms()), Units.latency(k.latency().maxMs()),
            Units.latency(k.queueing().p95Ms()), stages(k.stageMeansMs())));
      }
    }
    if (rows.isEmpty()) {
      blocks.add(new Block.Paragraph("No step recorded figures per job kind."));
      return;
    }
    blocks.add(new Block.Table(List.of(Block.Column.number(s.loadMode().offeredHeading()),
        Block.Column.text("kind"), Block.Column.number("jobs"), Block.Column.number("throughput (jobs/s)"),
        Block.Column.number("p50"), Block.Column.number("p95"), Block.Column.number("p99"),
        Block.Column.number("max"), Block.Column.number("queueing p95"), Block.Column.text("mean per stage")),
        rows));
  }

  /** {@code "vision 35 ms, llm 2.20 s"}. */
  private static String stages(Map<String, Double> meansMs) {
    return meansMs.entrySet().stream().map(e -> e.getKey() + " " + Units.latency(e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
