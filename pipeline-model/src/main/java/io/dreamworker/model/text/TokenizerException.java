package io.dreamworker.model.text;

import java.io.IOException;

/**
 * A tokenizer file that cannot be used: missing, not JSON, not a tokenizers {@code
 * tokenizer.json}, or refused by the tokenizers library. The message names the file.
 */
public final class TokenizerException extends IOException {
  private static final long serialVersionUID = 1L;

  public TokenizerException(String message) {
    super(message);
  }

  public TokenizerException(String message, Throwable cause) {
    super(message, cause);
  }
}
