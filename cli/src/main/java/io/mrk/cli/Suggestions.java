package io.mrk.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** "maybe you meant": the candidates closest to a mistyped name (edit distance with transpositions). */
final class Suggestions {

  private Suggestions() {}

  /** Candidates within a distance of a third of the typed length (at least 2), closest first. */
  static List<String> closest(String typed, Collection<String> candidates) {
    int best = Integer.MAX_VALUE;
    List<String> out = new ArrayList<>();
    int bound = Math.max(2, typed.length() / 3);
    for (String c : candidates) {
      int d = distance(typed, c);
      if (d > bound) {
        continue;
      }
      if (d < best) {
        best = d;
        out.clear();
      }
      if (d == best) {
        out.add(c);
      }
    }
    return out;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
