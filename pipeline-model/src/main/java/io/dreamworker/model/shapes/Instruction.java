package io.dreamworker.model.shapes;

import java.util.List;
import java.util.Optional;

/**
 * One supervised fine-tuning example: a prompt, the answer, the picture the prompt shows (for
 * {@code describe}) and the pictures the answer's {@code <dream>} markers stand for, in order.
 */
public record Instruction(String prompt, String response, Optional<Scene> input, List<Scene> outputs) {

  public Instruction {
    outputs = List.copyOf(outputs);
  }
}
