package io.mrk.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aws CLI's shorthand syntax as a small recursive-descent parser: {@code k=v,k2=v2},
 * {@code k=[a,b]}, {@code k={a=b}}, quoted values ({@code k='a,b'}, {@code k="x=y"}), and a bare
 * comma list ({@code k=a,b}, when the part after a comma has no {@code =}). Produces maps, lists and
 * strings; the caller checks the types against the parameter. Errors name what was expected and the
 * position, as the aws CLI prints them.
 */
final class ShorthandParser {

  /** A shorthand value that does not parse, with the aws CLI's description of where. */
  static final class SyntaxError extends Exception {
    private static final long serialVersionUID = 1L;

    SyntaxError(String message) {
      super(message);
    }
  }

  private final String input;
  private int pos;

  private ShorthandParser(String input) {
    this.input = input;
  }

  /** {@code k=v,...} at the top level. */
  static Map<String, Object> parse(String input) throws SyntaxError {
    ShorthandParser p = new ShorthandParser(input);
    Map<String, Object> out = p.keyvals('\0');
    if (p.pos != input.length()) {
      throw p.error("','");
    }
    return out;
  }

  private Map<String, Object> keyvals(char closing) throws SyntaxError {
    Map<String, Object> out = new LinkedHashMap<>();
    if (closing != '\0' && peek() == closing) {
      return out;
    }
    while (true) {
      String key = key();
      expect('=');
      Object value = value(closing, true);
      if (out.put(key, value) != null) {
        throw new SyntaxError("Second instance of key \"" + key + "\" for input:\n" + input);
      }
      skipSpaces();
      if (peek() != ',') {
        return out;
      }
      pos++;
      skipSpaces();
    }
  }

  private String key() throws SyntaxError {
    int start = pos;
    while (pos < input.length() && "=,[]{}".indexOf(input.charAt(pos)) < 0) {
      pos++;
    }
    String key = input.substring(start, pos).strip();
    if (key.isEmpty()) {
      throw error("key");
    }
    return key;
  }

  private Object value(char closing, boolean allowCsv) throws SyntaxError {
    skipSpaces();
    char c = peek();
    if (c == '[') {
      pos++;
      List<Object> list = new ArrayList<>();
      skipSpaces();
      if (peek() == ']') {
        pos++;
        return list;
      }
      while (true) {
        list.add(value(']', false));
        skipSpaces();
        if (peek() == ']') {
          pos++;
          return list;
        }
        expect(',');
      }
    }
    if (c == '{') {
      pos++;
      Map<String, Object> map = keyvals('}');
      expect('}');
      return map;
    }
    String first = scalar(closing);
    if (!allowCsv || !csvContinues(closing)) {
      return first;
    }
    List<Object> list = new ArrayList<>();
    list.add(first);
    while (csvContinues(closing)) {
      pos++;
      list.add(scalar(closing));
    }
    return list;
  }

  /** After a value, a comma followed by text with no '=' before the next separator continues a list. */
  private boolean csvContinues(char closing) {
    if (peek() != ',') {
      return false;
    }
    for (int i = pos + 1; i < input.length(); i++) {
      char c = input.charAt(i);
      if (c == '=') {
        return false;
      }
      if (c == ',' || c == closing || c == '[' || c == '{') {
        return c != '[' && c != '{';
      }
    }
    return true;
  }

  private String scalar(char closing) throws SyntaxError {
    skipSpaces();
    char c = peek();
    if (c == '\'' || c == '"') {
      int end = input.indexOf(c, pos + 1);
      if (end < 0) {
        pos = input.length();
        throw error("" + c);
      }
      String quoted = input.substring(pos + 1, end);
      pos = end + 1;
      return quoted;
    }
    int start = pos;
    while (pos < input.length()) {
      char d = input.charAt(pos);
      if (d == ',' || (closing != '\0' && d == closing) || d == '[' || d == '{' || d == ']' || d == '}') {
        break;
      }
      pos++;
    }
    return input.substring(start, pos).strip();
  }

  private void expect(char c) throws SyntaxError {
    skipSpaces();
    if (peek() != c) {
      throw error("'" + c + "'");
    }
    pos++;
  }

  private void skipSpaces() {
    while (pos < input.length() && input.charAt(pos) == ' ') {
      pos++;
    }
  }

  private char peek() {
    return pos < input.length() ? input.charAt(pos) : '\0';
  }

  private SyntaxError error(String expected) {
    String received = pos >= input.length() ? "EOF" : String.valueOf(input.charAt(pos));
    return new SyntaxError("Expected: " + expected + ", received: '" + received + "' for input:\n"
        + input + "\n" + " ".repeat(Math.min(pos, input.length())) + "^");
  }
}
