package io.dreamworker.model.shapes;

/** Text that is not a caption of the shapes world; the message names the word, where it was, and what was expected. */
public final class CaptionParseException extends IllegalArgumentException {

  public CaptionParseException(String message) {
    super(message);
  }
}
