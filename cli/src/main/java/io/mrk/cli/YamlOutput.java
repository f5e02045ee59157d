package io.mrk.cli;

import io.mrk.internal.json.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code --output yaml} as the aws CLI v2 prints it: block style, mapping keys in sorted order,
 * sequences at their key's indentation, two-space nesting; a plain scalar is quoted when YAML would
 * read it as another type (number, boolean, null, timestamp) or when it holds YAML syntax; text with
 * line breaks or control characters is written double-quoted with escapes. A scalar result (from
 * {@code --query}) is printed as JSON, as the aws CLI does.
 */
final class YamlOutput {

  /** Plain scalars YAML 1.1/1.2 resolvers read as something other than a string. */
  private static final Pattern NOT_A_STRING = Pattern.compile(
      "(?i:~|null|true|false|yes|no|on|off|y|n)"
          + "|[-+]?(\\d[\\d_]*)?\\.?\\d+([eE][-+]?\\d+)?|[-+]?0[xob][0-9a-fA-F_]+|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"
          + "|\\d{4}-\\d\\d?-\\d\\d?([Tt ]\\d\\d?:\\d\\d:\\d\\d(\\.\\d*)?( ?(Z|[-+]\\d\\d?(:\\d\\d)?))?)?"
          + "|[-+]?\\d[\\d_]*(:[0-5]?\\d)+(\\.\\d*)?");

  private final StringBuilder out = new StringBuilder();

  private YamlOutput() {}

  static String render(Object value) {
    if (Scalars.isScalar(value)) {
      return Json.writePretty(value) + "\n";
    }
    YamlOutput y = new YamlOutput();
    y.node(value, 0, false);
    return y.out.toString();
  }

  private void node(Object value, int indent, boolean inSequence) {
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append(" {}\n");
        return;
      }
      if (!inSequence) {
        if (indent > 0 || out.length() > 0) {
          out.append('\n');
        }
      }
      boolean first = true;
      for (Map.Entry<String, Object> e : sorted(map).entrySet()) {
        if (!(inSequence && first)) {
          out.append(" ".repeat(indent));
        }
        first = false;
        out.append(scalar(e.getKey())).append(':');
        Object v = e.getValue();
        if (v instanceof List<?> list && !list.isEmpty()) {
          out.append('\n');
          sequence(list, indent);
        } else if (v instanceof Map<?, ?> m && !m.isEmpty()) {
          node(v, indent + 2, false);
        } else {
          out.append(' ').append(inline(v)).append('\n');
        }
      }
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[]\n");
        return;
      }
      sequence(list, indent);
    }
  }

  private void sequence(List<?> list, int indent) {
    for (Object item : list) {
      out.append(" ".repeat(indent)).append("- ");
      if (item instanceof Map<?, ?> m && !m.isEmpty()) {
        node(item, indent + 2, true);
      } else if (item instanceof List<?> l && !l.isEmpty()) {
        out.append('\n');
        sequence(l, indent + 2);
      } else {
        out.append(inline(item)).append('\n');
      }
    }
  }

  private static String inline(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Boolean || v instanceof Number) {
      return String.valueOf(v);
    }
    if (v instanceof Map) {
      return "{}";
    }
    if (v instanceof List) {
      return "[]";
    }
    return scalar(String.valueOf(v));
  }

  static String scalar(String s) {
    if (s.isEmpty()) {
      return "''";
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
        return Json.write(s);
      }
    }
    boolean plain = !NOT_A_STRING.matcher(s).matches()
        && "-?:,[]{}#&*!|>'\"%@`".indexOf(s.charAt(0)) < 0
        && !s.startsWith(" ") && !s.endsWith(" ")
        && !s.contains(": ") && !s.contains(" #") && !s.endsWith(":");
    if (plain) {
      return s;
    }
    return "'" + s.replace("'", "''") + "'";
  }

  private static Map<String, Object> sorted(Map<?, ?> map) {
    Map<String, Object> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
