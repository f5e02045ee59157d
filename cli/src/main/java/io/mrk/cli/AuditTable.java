package io.mrk.cli;

import io.mrk.audit.AuditRecord;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Renders audit records as an aligned text table for terminals: time, Region, event, principal, key, result. */
final class AuditTable {

  private static final String[] HEADERS = {"TIME", "REGION", "EVENT", "PRINCIPAL", "KEY", "RESULT"};

  private AuditTable() {
  }

  /** The table, one header line and one line per record, columns separated by two spaces. */
  static String render(List<AuditRecord> records) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (AuditRecord r : records) {
      rows.add(new String[] {
          DateTimeFormatter.ISO_INSTANT.format(r.eventTime()),
          r.region().code(),
          printable(r.eventName()),
          printable(r.principal()),
          r.keyIds().isEmpty() ? "-" : printable(String.join(",", r.keyIds())),
          printable(r.result())});
    }
    int[] widths = new int[HEADERS.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(row[i]);
        if (i < row.length - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  /** Keeps terminal control sequences out of the table: logged values come from callers. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return b.toString();
  }
}
