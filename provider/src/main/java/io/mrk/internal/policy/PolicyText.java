package io.mrk.internal.policy;

/** Renders user-supplied policy text for error messages: short and free of control characters and unpaired surrogates. */
final class PolicyText {

  private static final int MAX_CHARS = 80;

  private PolicyText() {
  }

  static String printable(Object value) {
    String s = String.valueOf(value);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < MAX_CHARS; i++) {
      char c = s.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
      if (paired) {
        b.append(c).append(s.charAt(++i));
      } else {
        b.append(c < 0x20 || c == 0x7f || Character.isSurrogate(c) ? '?' : c);
      }
    }
    if (s.length() > MAX_CHARS) {
      b.append("...");
    }
    return b.toString();
  }
}
