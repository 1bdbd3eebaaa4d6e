package io.dreamworker.model.pipeline;

/**
 * The conversation format the LLM was tuned on. DreamLLM uses Vicuna v1.1's ({@code
 * omni/utils/conversation.py}): a system sentence, then {@code USER: ... ASSISTANT:}, separated by
 * single spaces; an image stands where {@code <image>} is written.
 *
 * @param system the system sentence (may be empty)
 * @param user the user's role name
 * @param assistant the assistant's role name
 */
public record ChatTemplate(String system, String user, String assistant) {

  /** Vicuna v1.1, as DreamLLM's captioning and VQA evaluation uses it. */
  public static final ChatTemplate VICUNA_V1_1 = new ChatTemplate(
      "A chat between a curious user and an artificial intelligence assistant. The assistant gives"
          + " helpful, detailed, and polite answers to the user's questions.",
      "USER", "ASSISTANT");

  /** The prompt for one user turn; the model's answer follows it. */
  public String prompt(String userMessage) {
    String head = system.isEmpty() ? "" : system + " ";
    return head + user + ": " + userMessage + " " + assistant + ":";
  }
}
