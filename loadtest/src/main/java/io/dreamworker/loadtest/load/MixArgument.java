package io.dreamworker.loadtest.load;

import io.dreamworker.loadtest.workload.WorkloadMix;
import io.dreamworker.loadtest.workload.WorkloadMix.IntRange;
import java.util.Locale;

/**
 * A workload mix as one command-line argument and back, for the engine baseline's child JVM:
 * {@code caption,t2i,interleaved;tokensMin-tokensMax;stepsMin-stepsMax;imagesMin-imagesMax;guidance}.
 */
final class MixArgument {
  private MixArgument() {}

  static String format(WorkloadMix mix) {
    return String.format(Locale.ROOT, "%s,%s,%s;%d-%d;%d-%d;%d-%d;%s", mix.captionWeight(), mix.textToImageWeight(),
        mix.interleavedWeight(), mix.maxNewTokens().min(), mix.maxNewTokens().max(), mix.steps().min(),
        mix.steps().max(), mix.maxImages().min(), mix.maxImages().max(), mix.guidanceScale());
  }

  static WorkloadMix parse(String text) {
    String[] parts = text.split(";");
    String[] weights = parts[0].split(",");
    return new WorkloadMix(Double.parseDouble(weights[0]), Double.parseDouble(weights[1]),
        Double.parseDouble(weights[2]), range(parts[1]), range(parts[2]), range(parts[3]), Double.parseDouble(parts[4]));
  }

  private static IntRange range(String text) {
    String[] bounds = text.split("-");
    return new IntRange(Integer.parseInt(bounds[0]), Integer.parseInt(bounds[1]));
  }
}
