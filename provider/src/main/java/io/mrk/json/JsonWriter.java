package io.mrk.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/** Writes Java values (see {@link Json}) as JSON text, compact or in the {@code aws} CLI layout. */
final class JsonWriter {

  private static final String INDENT = "    ";

  private final boolean pretty;
  private final StringBuilder out = new StringBuilder();

  JsonWriter(boolean pretty) {
    this.pretty = pretty;
  }

  String write(Object value) {
    value(value, 0);
    return out.toString();
  }

  private void value(Object v, int depth) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof String s) {
      string(s);
    } else if (v instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (v instanceof BigDecimal d) {
      out.append(d.toString());
    } else if (v instanceof JsonNumber n) {
      out.append(n.token());
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
        || v instanceof BigInteger) {
      out.append(v);
    } else if (v instanceof Map<?, ?> m) {
      object(m, depth);
    } else if (v instanceof Collection<?> c) {
      array(c, depth);
    } else {
      throw new IllegalArgumentException("cannot write a " + v.getClass().getName() + " as JSON");
    }
  }

  private void object(Map<?, ?> m, int depth) {
    if (m.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<?, ?> e = it.next();
      if (!(e.getKey() instanceof String name)) {
        throw new IllegalArgumentException("JSON object member names must be strings");
      }
      newline(depth + 1);
      string(name);
      out.append(pretty ? ": " : ":");
      value(e.getValue(), depth + 1);
      if (it.hasNext()) {
        out.append(',');
      }
    }
    newline(depth);
    out.append('}');
  }

  private void array(Collection<?> c, int depth) {
    if (c.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    Iterator<?> it = c.iterator();
    while (it.hasNext()) {
      newline(depth + 1);
      value(it.next(), depth + 1);
      if (it.hasNext()) {
        out.append(',');
      }
    }
    newline(depth);
    out.append(']');
  }

  private void newline(int depth) {
    if (pretty) {
      out.append('\n');
      out.append(INDENT.repeat(depth));
    }
  }

  /**
   * RFC 8259 section 7: escapes '"', '\' and the control characters. An unpaired surrogate is
   * written as U+FFFD, so that everything written is I-JSON (RFC 7493 section 2.1) and parses again:
   * audit lines record refused requests' parameters, which may hold such text.
   */
  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          out.append(c).append(s.charAt(++i));
        } else {
          out.append("\\ufffd");
        }
        continue;
      }
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
