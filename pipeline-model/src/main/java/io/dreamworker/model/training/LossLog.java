package io.dreamworker.model.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The loss log of a training run: one JSON line per step ({@code stage}, {@code step}, {@code loss},
 * the named loss parts, {@code lr}, {@code grad_norm}, {@code ms}), appended to a file when one is
 * given, and handed to listeners (the command line's progress bar). It also keeps an exponential
 * moving average per stage, the figure a progress bar shows, since single-batch losses are noisy.
 */
public final class LossLog implements AutoCloseable {

  /** Weight of the newest step in the moving average (about the last 50 steps). */
  private static final double SMOOTHING = 0.02;

  /** One logged step. {@code parts} are the loss's terms (reconstruction, KL, ...) by name. */
  public record Entry(String stage, int step, int totalSteps, double loss, Map<String, Double> parts,
      double smoothedLoss, float learningRate, float gradNorm, double millis) {}

  /** Told of every entry, on the training thread. */
  @FunctionalInterface
  public interface Listener {
    void onStep(Entry entry);
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final BufferedWriter file;
  private final List<Listener> listeners = new ArrayList<>();
  private String smoothedStage = "";
  private double smoothed;

  private LossLog(BufferedWriter file) {
    this.file = file;
  }

  /** A log that only tells its listeners. */
  public static LossLog inMemory() {
    return new LossLog(null);
  }

  /** A log appended to {@code path} (created, with its parent directories, if missing). */
  public static LossLog appendingTo(Path path) throws IOException {
    if (path.getParent() != null) {
      Files.createDirectories(path.getParent());
    }
    return new LossLog(Files.newBufferedWriter(path, java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND));
  }

  public LossLog listen(Listener listener) {
    listeners.add(listener);
    return this;
  }

  /** Records a step and returns its entry. */
  public Entry record(String stage, int step, int totalSteps, double loss, Map<String, Double> parts,
      float learningRate, float gradNorm, double millis) {
    if (!stage.equals(smoothedStage)) {
      smoothedStage = stage;
      smoothed = loss;
    } else {
      smoothed += SMOOTHING * (loss - smoothed);
    }
    Entry e = new Entry(stage, step, totalSteps, loss, Map.copyOf(parts), smoothed, learningRate, gradNorm, millis);
    if (file != null) {
      ObjectNode line = JSON.createObjectNode();
      line.put("stage", stage).put("step", step).put("loss", loss);
      parts.forEach(line::put);
      line.put("lr", learningRate).put("grad_norm", gradNorm).put("ms", Math.round(millis * 10) / 10.0);
      try {
        file.write(JSON.writeValueAsString(line));
        file.newLine();
        file.flush();
      } catch (IOException ex) {
        throw new UncheckedIOException("cannot append to the loss log: " + ex.getMessage(), ex);
      }
    }
    listeners.forEach(l -> l.onStep(e));
    return e;
  }

  @Override
  public void close() throws IOException {
    if (file != null) {
      file.close();
    }
  }
}
