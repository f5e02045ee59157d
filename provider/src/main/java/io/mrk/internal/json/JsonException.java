package io.mrk.internal.json;

/** Text that is not valid JSON (RFC 8259) or exceeds the parser's limits; names the offset. */
public final class JsonException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int position;

  public JsonException(String message, int position) {
    super(message + " (at offset " + position + ")");
    this.position = position;
  }

  /** The character offset in the input where the problem was found. */
  public int position() {
    return position;
  }
}
