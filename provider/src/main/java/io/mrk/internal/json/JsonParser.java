package io.mrk.internal.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recursive-descent parser for one JSON text (RFC 8259), bounded in length and depth.
 *
 * <p>Duplicate member names are refused: RFC 8259 section 4 leaves their meaning open, and a policy
 * whose meaning depends on the reader must not be accepted.
 */
final class JsonParser {

  private final String text;
  private final int maxDepth;
  private int pos;

  JsonParser(String text, int maxLength, int maxDepth) throws JsonException {
    if (text == null) {
      throw new JsonException("JSON text is missing", 0);
    }
    if (text.length() > maxLength) {
      throw new JsonException("JSON text longer than " + maxLength + " characters", maxLength);
    }
    this.text = text;
    this.maxDepth = maxDepth;
  }

  Object parseDocument() throws JsonException {
    skipWhitespace();
    Object value = parseValue(0);
    skipWhitespace();
    if (pos != text.length()) {
      throw new JsonException("unexpected text after the JSON value", pos);
    }
    return value;
  }

  private Object parseValue(int depth) throws JsonException {
    if (pos >= text.length()) {
      throw new JsonException("unexpected end of JSON text", pos);
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return parseObject(depth + 1);
      case '[':
        return parseArray(depth + 1);
      case '"':
        return parseString();
      case 't':
        expectWord("true");
        return Boolean.TRUE;
      case 'f':
        expectWord("false");
        return Boolean.FALSE;
      case 'n':
        expectWord("null");
        return null;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return parseNumber();
        }
        throw new JsonException("unexpected character '" + printable(c) + "'", pos);
    }
  }

  private Map<String, Object> parseObject(int depth) throws JsonException {
    checkDepth(depth);
    pos++;
    Map<String, Object> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return Collections.unmodifiableMap(members);
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw new JsonException("expected a member name in double quotes", pos);
      }
      int namePos = pos;
      String name = parseString();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      Object value = parseValue(depth);
      if (members.containsKey(name)) {
        throw new JsonException("duplicate member name '" + name + "'", namePos);
      }
      members.put(name, value);
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == '}') {
        return Collections.unmodifiableMap(members);
      }
      if (c != ',') {
        throw new JsonException("expected ',' or '}' in an object", pos - 1);
      }
    }
  }

  private List<Object> parseArray(int depth) throws JsonException {
    checkDepth(depth);
    pos++;
    List<Object> items = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return Collections.unmodifiableList(items);
    }
    while (true) {
      skipWhitespace();
      items.add(parseValue(depth));
      skipWhitespace();
      char c = peek();
      pos++;
      if (c == ']') {
        return Collections.unmodifiableList(items);
      }
      if (c != ',') {
        throw new JsonException("expected ',' or ']' in an array", pos - 1);
      }
    }
  }

  private String parseString() throws JsonException {
    int start = pos;
    pos++;
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw new JsonException("unterminated string", start);
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw new JsonException("control character in a string must be escaped", pos - 1);
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw new JsonException("unterminated escape", pos);
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> b.append(parseHex4());
        default -> throw new JsonException("invalid escape '\\" + printable(e) + "'", pos - 1);
      }
    }
  }

  private char parseHex4() throws JsonException {
    if (pos + 4 > text.length()) {
      throw new JsonException("truncated \\u escape", pos);
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(text.charAt(pos + i), 16);
      if (d < 0) {
        throw new JsonException("invalid hex digit in \\u escape", pos + i);
      }
      v = v * 16 + d;
    }
    pos += 4;
    return (char) v;
  }

  /** RFC 8259 section 6: {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}. */
  private BigDecimal parseNumber() throws JsonException {
    int start = pos;
    if (at('-')) {
      pos++;
    }
    if (at('0')) {
      pos++;
    } else {
      digits("a digit");
    }
    if (at('.')) {
      pos++;
      digits("a digit after the decimal point");
    }
    if (at('e') || at('E')) {
      pos++;
      if (at('+') || at('-')) {
        pos++;
      }
      digits("a digit in the exponent");
    }
    try {
      return new BigDecimal(text.substring(start, pos));
    } catch (NumberFormatException | ArithmeticException ex) {
      throw new JsonException("number out of range", start);
    }
  }

  private boolean at(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void digits(String what) throws JsonException {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    if (pos == start) {
      throw new JsonException("expected " + what, pos);
    }
  }

  private void expectWord(String word) throws JsonException {
    if (!text.startsWith(word, pos)) {
      throw new JsonException("unexpected literal, expected " + word, pos);
    }
    pos += word.length();
  }

  private void expect(char c) throws JsonException {
    if (peek() != c) {
      throw new JsonException("expected '" + c + "'", pos);
    }
    pos++;
  }

  private char peek() throws JsonException {
    if (pos >= text.length()) {
      throw new JsonException("unexpected end of JSON text", pos);
    }
    return text.charAt(pos);
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private void checkDepth(int depth) throws JsonException {
    if (depth > maxDepth) {
      throw new JsonException("JSON nested deeper than " + maxDepth + " levels", pos);
    }
  }

  private static String printable(char c) {
    return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
  }
}
