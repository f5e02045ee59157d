package io.mrk.cli;

import java.util.List;
import java.util.Map;

/** Scalars as the aws CLI (a Python program) prints them in text and table output: True, False, None. */
final class Scalars {

  private Scalars() {}

  static boolean isScalar(Object value) {
    return !(value instanceof Map) && !(value instanceof List);
  }

  static String str(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    return String.valueOf(value);
  }

  /** Python truthiness, which decides whether the table formatter prints anything at all. */
  static boolean isEmpty(Object value) {
    return value == null
        || (value instanceof Map<?, ?> m && m.isEmpty())
        || (value instanceof List<?> l && l.isEmpty())
        || (value instanceof String s && s.isEmpty())
        || Boolean.FALSE.equals(value)
        || (value instanceof Number n && n.doubleValue() == 0);
  }
}
