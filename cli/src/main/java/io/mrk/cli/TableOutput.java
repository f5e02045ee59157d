package io.mrk.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code --output table}, laid out by the aws CLI's rules: a titled section per structure (the
 * operation name at the top), its scalar members as one header row and one value row (a single
 * scalar as a name/value pair), nested members as indented sub-sections, lists of structures as one
 * row per element; columns are scaled to the widest section, and when that is wider than the
 * terminal (80 columns when output is not a terminal) every one-row section is turned on its side.
 */
final class TableOutput {

  private final List<Section> sections = new ArrayList<>();
  private final int terminalWidth;
  private Section current;

  private TableOutput(int terminalWidth) {
    this.terminalWidth = terminalWidth;
  }

  static String render(String title, Object value, int terminalWidth) {
    TableOutput t = new TableOutput(terminalWidth);
    if (!t.build(title, value, 0)) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    t.renderTo(out);
    return out.toString();
  }

  // ---- building (the shape of the data decides the sections) ----

  private boolean build(String title, Object value, int indent) {
    if (Scalars.isEmpty(value)) {
      return false;
    }
    if (title != null) {
      current = new Section(title, indent);
      sections.add(current);
    }
    if (value instanceof List<?> list) {
      if (list.get(0) instanceof Map) {
        fromList(list, indent, title);
      } else {
        for (Object item : list) {
          if (Scalars.isScalar(item)) {
            current.addRow(List.of(Scalars.str(item)));
          } else if (item instanceof List<?> row && row.stream().allMatch(Scalars::isScalar)) {
            List<String> cells = new ArrayList<>();
            row.forEach(c -> cells.add(Scalars.str(c)));
            current.addRow(cells);
          } else {
            build(null, item, 0);
          }
        }
      }
    }
    if (value instanceof Map<?, ?> map) {
      fromMap(map, indent);
    }
    return true;
  }

  private void fromMap(Map<?, ?> map, int indent) {
    List<String> headers = new ArrayList<>();
    List<String> more = new ArrayList<>();
    group(map, headers, more);
    if (headers.size() == 1) {
      current.addRow(List.of(headers.get(0), Scalars.str(map.get(headers.get(0)))));
    } else if (!headers.isEmpty()) {
      current.addHeader(headers);
      List<String> row = new ArrayList<>();
      headers.forEach(h -> row.add(Scalars.str(map.get(h))));
      current.addRow(row);
    }
    for (String key : more) {
      build(key, map.get(key), indent + 1);
    }
  }

  private void fromList(List<?> list, int indent, String title) {
    TreeSet<String> headerSet = new TreeSet<>();
    TreeSet<String> moreSet = new TreeSet<>();
    for (Object item : list) {
      if (item instanceof Map<?, ?> map) {
        List<String> h = new ArrayList<>();
        List<String> m = new ArrayList<>();
        group(map, h, m);
        headerSet.addAll(h);
        moreSet.addAll(m);
      }
    }
    List<String> headers = new ArrayList<>(headerSet);
    current.addHeader(headers);
    boolean first = true;
    for (Object item : list) {
      Map<?, ?> element = item instanceof Map<?, ?> m ? m : Map.of();
      if (!first && !moreSet.isEmpty()) {
        current = new Section(title, indent);
        sections.add(current);
        current.addHeader(headers);
      }
      first = false;
      List<String> row = new ArrayList<>();
      headers.forEach(h -> row.add(element.containsKey(h) ? Scalars.str(element.get(h)) : ""));
      current.addRow(row);
      for (String key : moreSet) {
        if (element.containsKey(key)) {
          build(key, element.get(key), indent + 1);
        }
      }
    }
  }

  private static void group(Map<?, ?> map, List<String> headers, List<String> more) {
    map.forEach((k, v) -> (Scalars.isScalar(v) ? headers : more).add(String.valueOf(k)));
    headers.sort(null);
    more.sort(null);
  }

  // ---- rendering ----

  private void renderTo(StringBuilder out) {
    int maxWidth = maxWidth();
    if (maxWidth > terminalWidth) {
      for (int i = 0; i < sections.size(); i++) {
        Section s = sections.get(i);
        if (s.rows.size() == 1 && !s.headers.isEmpty()) {
          Section vertical = new Section(s.title, s.indent);
          for (int c = 0; c < s.headers.size(); c++) {
            vertical.addRow(List.of(s.headers.get(c), s.rows.get(0).get(c)));
          }
          sections.set(i, vertical);
        }
      }
      maxWidth = maxWidth();
    }
    out.append("-".repeat(maxWidth)).append('\n');
    for (Section s : sections) {
      renderSection(s, maxWidth - s.indent * 2, out);
    }
  }

  private int maxWidth() {
    int max = 0;
    for (Section s : sections) {
      max = Math.max(max, s.totalWidth());
    }
    return max;
  }

  private static void renderSection(Section s, int width, StringBuilder out) {
    String edge = "|".repeat(s.indent);
    if (!s.title.isEmpty()) {
      line(out, edge, center(s.title, width, "|", "|"));
      if (s.headers.isEmpty() && s.rows.isEmpty()) {
        line(out, edge, "+" + "-".repeat(Math.max(0, width - 2)) + "+");
      }
    }
    if (!s.headers.isEmpty()) {
      int[] widths = s.columnWidths(width);
      StringBuilder titles = new StringBuilder();
      for (int i = 0; i < widths.length && i < s.headers.size(); i++) {
        titles.append(center(s.headers.get(i), widths[i], i == 0 ? "|" : "", "|"));
      }
      line(out, edge, lineBreak(widths));
      line(out, edge, titles.toString());
    }
    if (!s.rows.isEmpty()) {
      int[] widths = s.columnWidths(width);
      if (widths.length == 0) {
        return;
      }
      line(out, edge, lineBreak(widths));
      for (List<String> row : s.rows) {
        StringBuilder cells = new StringBuilder();
        for (int i = 0; i < widths.length && i < row.size(); i++) {
          cells.append(alignLeft(row.get(i), widths[i], i == 0 ? "|" : "", "|"));
        }
        line(out, edge, cells.toString());
      }
      line(out, edge, lineBreak(widths));
    }
  }

  private static void line(StringBuilder out, String edge, String text) {
    out.append(edge).append(text).append(edge).append('\n');
  }

  private static String lineBreak(int[] widths) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      b.append(i == 0 ? "+" + "-".repeat(Math.max(0, widths[i] - 2)) + "+" : "-".repeat(Math.max(0, widths[i] - 1)) + "+");
    }
    return b.toString();
  }

  private static String center(String text, int length, String left, String right) {
    int textLength = width(text);
    int start = Math.max(0, Math.floorDiv(length, 2) - Math.floorDiv(textLength, 2) - 1);
    int soFar = left.length() + start + textLength;
    return left + " ".repeat(start) + text + " ".repeat(Math.max(0, length - right.length() - soFar)) + right;
  }

  private static String alignLeft(String text, int length, String left, String right) {
    int textLength = width(text);
    int padding = length - (textLength + 2 + left.length() + right.length()) >= 0 ? 2 : 0;
    int soFar = left.length() + padding + textLength;
    return left + " ".repeat(padding) + text + " ".repeat(Math.max(0, length - soFar - right.length())) + right;
  }

  /** Display width: East Asian wide and full-width characters take two columns, as in the aws CLI. */
  static int width(String text) {
    int w = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      w += isWide(cp) ? 2 : 1;
    }
    return w;
  }

  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
  }

  /** One titled block: optional header row, rows of cells, an indentation level. */
  private static final class Section {
    final String title;
    final int indent;
    List<String> headers = List.of();
    final List<List<String>> rows = new ArrayList<>();
    int[] maxWidths = new int[0];

    Section(String title, int indent) {
      this.title = title == null ? "" : title;
      this.indent = indent;
    }

    void addHeader(List<String> names) {
      updateWidths(names);
      headers = List.copyOf(names);
    }

    void addRow(List<String> cells) {
      rows.add(List.copyOf(cells));
      updateWidths(cells);
    }

    private void updateWidths(List<String> cells) {
      if (maxWidths.length == 0) {
        maxWidths = new int[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
          maxWidths[i] = width(cells.get(i));
        }
        return;
      }
      for (int i = 0; i < cells.size() && i < maxWidths.length; i++) {
        maxWidths[i] = Math.max(maxWidths[i], width(cells.get(i)));
      }
    }

    /** Column widths with four columns of padding each, scaled to fill {@code total} exactly. */
    int[] columnWidths(int total) {
      int n = maxWidths.length;
      int[] scaled = new int[n];
      if (n == 0) {
        return scaled;
      }
      long sum = 0;
      for (int w : maxWidths) {
        sum += w + 4;
      }
      double factor = total / (double) sum;
      int scaledSum = 0;
      for (int i = 0; i < n; i++) {
        scaled[i] = (int) Math.rint(factor * (maxWidths[i] + 4));
        scaledSum += scaled[i];
      }
      int offBy = scaledSum - total;
      while (offBy != 0) {
        for (int k = 0; k < n && offBy != 0; k++) {
          int i = offBy < 0 ? n - 1 - k : k;
          if (offBy > 0) {
            scaled[i]--;
            offBy--;
          } else {
            scaled[i]++;
            offBy++;
          }
        }
      }
      return scaled;
    }

    int totalWidth() {
      int total = 2 + 2 * indent;
      for (int w : maxWidths) {
        total += w + 4;
      }
      return Math.max(width(title) + 2 + 2 * indent, total);
    }
  }
}
