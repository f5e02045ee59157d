package io.mrk.cli;

import io.mrk.json.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code --output yaml} as the aws CLI v2 prints it (its YAML 1.2 safe dumper): block style,
 * mapping keys sorted, sequences at their key's indentation, two-space nesting. A string stays
 * plain unless YAML 1.2 would read it as another type (number, boolean, null, timestamp) or it holds
 * YAML syntax, then it is single-quoted; text with line breaks or control characters is
 * double-quoted with escapes. Long scalars fold at a space past 80 columns, as libyaml's emitter
 * (which that dumper uses) folds them. A scalar result (from
 * {@code --query}) is printed as JSON, as the aws CLI does.
 */
final class YamlOutput {

  private static final int WIDTH = 80;

  /** Plain scalars the YAML 1.2 resolver reads as something other than a string. */
  private static final Pattern NOT_A_STRING = Pattern.compile(
      "~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
          + "|[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+"
          + "|[-+]?[0-9][0-9_]*\\.[0-9_]*([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+|\\.[0-9_]+([eE][-+][0-9]+)?"
          + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"
          + "|[0-9]{4}-[0-9]{2}-[0-9]{2}"
          + "|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\\.[0-9]*)?([ \\t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?");

  private final StringBuilder out = new StringBuilder();
  private int column;

  private YamlOutput() {}

  static String render(Object value) {
    if (Scalars.isScalar(value)) {
      return Json.writePretty(value) + "\n";
    }
    YamlOutput y = new YamlOutput();
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        return "{}\n";
      }
      y.mapping(map, 0, false);
    } else {
      List<?> list = (List<?>) value;
      if (list.isEmpty()) {
        return "[]\n";
      }
      y.sequence(list, 0);
    }
    return y.out.toString();
  }

  private void mapping(Map<?, ?> map, int indent, boolean continuesLine) {
    boolean first = true;
    for (Map.Entry<String, Object> e : sorted(map).entrySet()) {
      if (!(continuesLine && first)) {
        write(" ".repeat(indent));
      }
      first = false;
      write(style(e.getKey()) == Style.PLAIN ? e.getKey() : "'" + e.getKey().replace("'", "''") + "'");
      write(":");
      Object v = e.getValue();
      if (v instanceof List<?> list && !list.isEmpty()) {
        newline();
        sequence(list, indent);
      } else if (v instanceof Map<?, ?> m && !m.isEmpty()) {
        newline();
        mapping(m, indent + 2, false);
      } else {
        write(" ");
        scalar(v, indent + 2);
        newline();
      }
    }
  }

  private void sequence(List<?> list, int indent) {
    for (Object item : list) {
      write(" ".repeat(indent) + "- ");
      if (item instanceof Map<?, ?> m && !m.isEmpty()) {
        mapping(m, indent + 2, true);
      } else if (item instanceof List<?> l && !l.isEmpty()) {
        sequence(l, indent + 2);
      } else {
        scalar(item, indent + 2);
        newline();
      }
    }
  }

  private void scalar(Object v, int continuation) {
    if (v == null) {
      write("null");
    } else if (v instanceof Boolean || v instanceof Number) {
      write(String.valueOf(v));
    } else if (v instanceof Map) {
      write("{}");
    } else if (v instanceof List) {
      write("[]");
    } else {
      String s = String.valueOf(v);
      switch (style(s)) {
        case PLAIN -> plain(s, continuation);
        case SINGLE -> singleQuoted(s, continuation);
        case DOUBLE -> doubleQuoted(s, continuation);
        default -> throw new IllegalStateException();
      }
    }
  }

  private enum Style { PLAIN, SINGLE, DOUBLE }

  /** The style libyaml's analysis picks for a string the YAML 1.2 resolver would not read as another type. */
  static Style style(String s) {
    if (s.isEmpty()) {
      return Style.SINGLE;
    }
    boolean special = false;
    boolean lineBreaks = false;
    boolean spaceBreak = false;
    boolean breakSpace = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean printable = c == '\n' || (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xD7FF)
          || (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF) || Character.isSurrogate(c);
      if (!printable) {
        special = true;
      }
      if (c == '\n') {
        lineBreaks = true;
        if (i > 0 && s.charAt(i - 1) == ' ') {
          spaceBreak = true;
        }
        if (i + 1 < s.length() && s.charAt(i + 1) == ' ') {
          breakSpace = true;
        }
      }
    }
    if (special || spaceBreak || breakSpace) {
      return Style.DOUBLE;
    }
    char first = s.charAt(0);
    char last = s.charAt(s.length() - 1);
    boolean followedBySpace = s.length() == 1 || s.charAt(1) == ' ' || s.charAt(1) == '\n';
    boolean plain = !lineBreaks
        && !NOT_A_STRING.matcher(s).matches()
        && "#,[]{}&*!|>'\"%@`".indexOf(first) < 0
        && !("?:-".indexOf(first) >= 0 && followedBySpace)
        && !s.startsWith("---") && !s.startsWith("...")
        && first != ' ' && last != ' '
        && !s.contains(": ") && !s.contains(" #") && last != ':';
    return plain ? Style.PLAIN : Style.SINGLE;
  }

  /** A plain scalar (libyaml's writer): folds at a single space once past the width. */
  private void plain(String text, int indent) {
    boolean spaces = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == ' ') {
        if (!spaces && column > WIDTH && !(i + 1 < text.length() && text.charAt(i + 1) == ' ')) {
          indent(indent);
        } else {
          write(" ");
        }
        spaces = true;
      } else {
        write(String.valueOf(ch));
        spaces = false;
      }
    }
  }

  private void singleQuoted(String text, int indent) {
    write("'");
    boolean spaces = false;
    boolean breaks = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == ' ') {
        if (!spaces && column > WIDTH && i != 0 && i != text.length() - 1 && text.charAt(i + 1) != ' ') {
          indent(indent);
        } else {
          write(" ");
        }
        spaces = true;
      } else if (ch == '\n') {
        if (!breaks) {
          newline();
        }
        newline();
        breaks = true;
      } else {
        if (breaks) {
          write(" ".repeat(indent));
        }
        write(ch == '\'' ? "''" : String.valueOf(ch));
        spaces = false;
        breaks = false;
      }
    }
    write("'");
  }

  /** A double-quoted scalar (libyaml's writer): escapes, and folds at a space past the width. */
  private void doubleQuoted(String text, int indent) {
    write("\"");
    boolean spaces = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      boolean printable = (ch >= 0x20 && ch <= 0x7E) || (ch >= 0xA0 && ch <= 0xD7FF)
          || (ch >= 0xE000 && ch <= 0xFFFD && ch != 0xFEFF) || Character.isSurrogate(ch);
      if (!printable || ch == '"' || ch == '\\') {
        write(escape(ch));
        spaces = false;
      } else if (ch == ' ') {
        if (!spaces && column > WIDTH && i != 0 && i != text.length() - 1) {
          indent(indent);
          if (text.charAt(i + 1) == ' ') {
            write("\\");
          }
        } else {
          write(" ");
        }
        spaces = true;
      } else {
        write(String.valueOf(ch));
        spaces = false;
      }
    }
    write("\"");
  }

  private static String escape(char ch) {
    return switch (ch) {
      case 0 -> "\\0";
      case 7 -> "\\a";
      case 8 -> "\\b";
      case 9 -> "\\t";
      case 10 -> "\\n";
      case 11 -> "\\v";
      case 12 -> "\\f";
      case 13 -> "\\r";
      case 27 -> "\\e";
      case '"' -> "\\\"";
      case '\\' -> "\\\\";
      case 0x85 -> "\\N";
      case 0xA0 -> "\\_";
      case 0x2028 -> "\\L";
      case 0x2029 -> "\\P";
      default -> ch <= 0xFF ? String.format("\\x%02X", (int) ch) : String.format("\\u%04X", (int) ch);
    };
  }

  private void write(String s) {
    out.append(s);
    column += s.length();
  }

  private void newline() {
    out.append('\n');
    column = 0;
  }

  private void indent(int indent) {
    newline();
    write(" ".repeat(indent));
  }

  private static Map<String, Object> sorted(Map<?, ?> map) {
    Map<String, Object> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
