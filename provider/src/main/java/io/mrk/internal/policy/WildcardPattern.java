package io.mrk.internal.policy;

/**
 * An IAM wildcard pattern: {@code *} matches any run of characters (also none), {@code ?} exactly
 * one, everything else itself. Used for {@code Action} (case-insensitive, as IAM matches actions)
 * and {@code StringLike} (case-sensitive).
 *
 * <p>Matching is the classic greedy algorithm with one backtrack point, so it runs in
 * O(pattern × text) in the worst case and never recurses: a hostile pattern cannot exhaust the stack.
 */
record WildcardPattern(String pattern, boolean ignoreCase) {

  WildcardPattern {
    if (pattern == null) {
      throw new IllegalArgumentException("pattern is null");
    }
  }

  /** True when the pattern contains {@code *} or {@code ?}. */
  boolean hasWildcard() {
    return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
  }

  /** True when {@code text} matches the whole pattern. */
  boolean matches(String text) {
    int p = 0;
    int t = 0;
    int starP = -1;
    int starT = -1;
    while (t < text.length()) {
      if (p < pattern.length() && pattern.charAt(p) == '*') {
        starP = p++;
        starT = t;
      } else if (p < pattern.length() && (pattern.charAt(p) == '?' || same(pattern.charAt(p), text.charAt(t)))) {
        p++;
        t++;
      } else if (starP >= 0) {
        p = starP + 1;
        t = ++starT;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  private boolean same(char a, char b) {
    if (a == b) {
      return true;
    }
    return ignoreCase && (Character.toLowerCase(a) == Character.toLowerCase(b)
        || Character.toUpperCase(a) == Character.toUpperCase(b));
  }
}
