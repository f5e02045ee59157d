package io.mrk.internal.json;

/**
 * Strict JSON (RFC 8259) for policies and CLI output.
 *
 * <p>Values map to Java as: object to {@code Map<String, Object>} (insertion order kept), array to
 * {@code List<Object>}, string to {@code String}, number to {@code BigDecimal}, {@code true}/{@code false}
 * to {@code Boolean}, {@code null} to {@code null}. Parsed maps and lists are unmodifiable.
 */
public final class Json {

  /** Longest text {@link #parse(String)} accepts, in characters. */
  public static final int MAX_LENGTH = 1 << 20;

  /** Deepest nesting of arrays and objects {@link #parse(String)} accepts. */
  public static final int MAX_DEPTH = 64;

  private Json() {}

  /**
   * Parses one JSON text.
   *
   * @throws JsonException for invalid JSON, a duplicate object member name, more than
   *     {@link #MAX_LENGTH} characters or nesting deeper than {@link #MAX_DEPTH}
   */
  public static Object parse(String text) throws JsonException {
    return new JsonParser(text, MAX_LENGTH, MAX_DEPTH).parseDocument();
  }

  /** Writes {@code value} compactly, with no whitespace. */
  public static String write(Object value) {
    return new JsonWriter(false).write(value);
  }

  /** Writes {@code value} as the {@code aws} CLI prints JSON: 4-space indent, {@code "name": value}. */
  public static String writePretty(Object value) {
    return new JsonWriter(true).write(value);
  }
}
