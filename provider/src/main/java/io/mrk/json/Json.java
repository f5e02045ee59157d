package io.mrk.json;

/**
 * Strict, bounded JSON: the one parser MRK applies to everything it reads as JSON (key policies,
 * audit lines, the KMS requests {@code mrk serve} receives from the network, the command line's
 * parameters) and the writer of the {@code aws} CLI's output format. Exported so that the server and
 * the command line apply exactly these rules to untrusted input instead of a second copy of them.
 *
 * <p>Reading is RFC 8259 JSON restricted to I-JSON (RFC 7493): no duplicate member names
 * (section 2.3), no unpaired surrogates in strings (section 2.1), no number beyond
 * {@link #MAX_DECIMAL_EXPONENT} in magnitude (section 2.2 asks for the IEEE 754 double range). Every
 * limit below is checked before or while the text is scanned, so the work for any input is linear in
 * {@link #MAX_LENGTH}; any problem is a {@link JsonException}, whose message never contains input
 * characters outside printable ASCII.
 *
 * <p>Values map to Java as: object to {@code Map<String, Object>} (insertion order kept), array to
 * {@code List<Object>}, string to {@code String}, number to {@code BigDecimal} (or, from
 * {@link #parseKeepingNumberText}, to {@link JsonNumber} holding the source token), {@code true}/{@code
 * false} to {@code Boolean}, {@code null} to {@code null}. Parsed maps and lists are unmodifiable.
 */
public final class Json {

  /** Longest text {@link #parse(String)} accepts, in characters. */
  public static final int MAX_LENGTH = 1 << 20;

  /** Deepest nesting of arrays and objects accepted. */
  public static final int MAX_DEPTH = 64;

  /** Longest number token accepted, in characters. */
  public static final int MAX_NUMBER_LENGTH = 1000;

  /** Largest decimal exponent of an accepted number's magnitude, either sign (1e400 and 1e-400 pass). */
  public static final int MAX_DECIMAL_EXPONENT = 400;

  /** Longest member name accepted, in characters. */
  public static final int MAX_NAME_LENGTH = 16 * 1024;

  /** Most tokens (names, values, brackets) one text may hold. */
  public static final int MAX_TOKENS = 256 * 1024;

  private Json() {}

  /**
   * Parses one JSON text; numbers become {@code BigDecimal}.
   *
   * @throws JsonException for invalid JSON, a duplicate member name, an unpaired surrogate, or a
   *     text beyond any of the limits above
   */
  public static Object parse(String text) throws JsonException {
    return JsonReader.read(text, false);
  }

  /**
   * Parses one JSON text as {@link #parse} does, but numbers become {@link JsonNumber}s holding their
   * source token, for documents whose meaning is textual (IAM policy condition values).
   */
  public static Object parseKeepingNumberText(String text) throws JsonException {
    return JsonReader.read(text, true);
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
