package io.dreamworker.worker.cli;

import io.dreamworker.model.training.LossLog;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The progress of a training stage on one line: a bar, the step, the smoothed loss, time per step and
 * the time left. On a terminal the line is redrawn in place; otherwise (a log file, CI) a line is
 * printed every {@link #LINES_PER_STAGE}th of the stage, so logs stay short.
 */
final class TrainingProgressBar implements LossLog.Listener {
  private static final int WIDTH = 30;
  /** Lines per stage when the output is not a terminal. */
  private static final int LINES_PER_STAGE = 20;

  private final PrintWriter out;
  private final boolean interactive;
  private String stage = "";
  private double millisSum;

  TrainingProgressBar(PrintWriter out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  @Override
  public void onStep(LossLog.Entry e) {
    if (!e.stage().equals(stage)) {
      stage = e.stage();
      millisSum = 0;
    }
    millisSum += e.millis();
    double perStep = millisSum / e.step();
    long etaSeconds = Math.round(perStep * (e.totalSteps() - e.step()) / 1000);
    int filled = (int) ((long) WIDTH * e.step() / e.totalSteps());
    String line = String.format(Locale.ROOT, "%-6s [%s%s] %d/%d  loss %.4f (avg %.4f)  %.2f s/step  eta %dm%02ds",
        e.stage(), "#".repeat(filled), ".".repeat(WIDTH - filled), e.step(), e.totalSteps(), e.loss(),
        e.smoothedLoss(), perStep / 1000, etaSeconds / 60, etaSeconds % 60);
    boolean last = e.step() == e.totalSteps();
    if (interactive) {
      out.print("\r" + line + (last ? System.lineSeparator() : ""));
      out.flush();
    } else if (last || e.step() == 1 || e.step() % Math.max(1, e.totalSteps() / LINES_PER_STAGE) == 0) {
      out.println(line);
      out.flush();
    }
  }
}
