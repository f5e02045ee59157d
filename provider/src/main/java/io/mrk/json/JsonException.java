package io.mrk.json;

/**
 * Text that is not valid JSON or exceeds the parser's limits; names the offset. The message holds
 * printable ASCII only: any other character from the input appears as a {@code \\uXXXX} escape.
 */
public final class JsonException extends Exception {

  private static final long serialVersionUID = 1L;
  private static final int MAX_DETAIL_CHARS = 160;

  private final long position;

  JsonException(String message, long position) {
    super(printable(message) + " (at offset " + position + ")");
    this.position = position;
  }

  /** The character offset in the input where the problem was found. */
  public long position() {
    return position;
  }

  /** {@code s} shortened, with every character outside printable ASCII written as {@code \\uXXXX}. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < MAX_DETAIL_CHARS; i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        b.append(c);
      } else {
        b.append(String.format("\\u%04x", (int) c));
      }
    }
    if (s.length() > MAX_DETAIL_CHARS) {
      b.append("...");
    }
    return b.toString();
  }
}
