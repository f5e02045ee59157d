package io.mrk.json;

/**
 * A JSON number as its source token, exactly as written ({@code 1.0} stays {@code 1.0}, {@code 1E2}
 * stays {@code 1E2}): parsed documents whose numbers are compared as text keep their meaning, and no
 * conversion of a huge exponent ever runs.
 *
 * @param token an RFC 8259 section 6 number within {@link Json}'s limits
 */
public record JsonNumber(String token) {

  public JsonNumber {
    if (token == null || token.isEmpty()) {
      throw new IllegalArgumentException("a JSON number needs its token");
    }
  }

  @Override
  public String toString() {
    return token;
  }
}
