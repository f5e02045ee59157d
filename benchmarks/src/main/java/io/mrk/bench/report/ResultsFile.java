package io.mrk.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a run's part of {@code RESULTS.md} without deleting the parts other runs wrote.
 *
 * <p>The file is a preamble (everything before the first {@code ## } heading) and sections, each a
 * {@code ## } heading and the text up to the next one. A run owns some headings: the JMH runs own the
 * preamble, {@code ## Results} and {@code ## Throughput against message size}; {@code --kms} owns its
 * own section. Writing replaces exactly the owned parts, in place when the file has them; a generated
 * section the file lacks goes after the owned ones (main run) or at the end ({@code --kms}); every other
 * section (the command-line latency and {@code mrk serve} measurements, made by other scripts) is
 * kept byte for byte.
 */
final class ResultsFile {

  private ResultsFile() {}

  /**
   * Replaces in {@code file} the sections of {@code generated} and, when {@code generated} has a
   * preamble, the preamble and every heading in {@code owned}; keeps the rest.
   */
  static void write(Path file, String generated, Set<String> owned) throws IOException {
    String old = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    Files.writeString(file, merge(old, generated, owned), StandardCharsets.UTF_8);
  }

  static String merge(String old, String generated, Set<String> owned) {
    Parsed before = parse(old);
    Parsed now = parse(generated);
    boolean top = !now.preamble.isBlank();
    StringBuilder out = new StringBuilder(top ? now.preamble : before.preamble);
    Map<String, String> pending = new LinkedHashMap<>(now.sections);
    if (top) {
      // The run's own sections first, in its order; then what other runs wrote.
      pending.values().forEach(text -> append(out, text));
      pending.clear();
    }
    for (Map.Entry<String, String> section : before.sections.entrySet()) {
      String heading = section.getKey();
      if (now.sections.containsKey(heading)) {
        if (pending.remove(heading) != null) {
          append(out, now.sections.get(heading));
        }
      } else if (!(top && owned.contains(heading))) {
        append(out, section.getValue());
      }
    }
    pending.values().forEach(text -> append(out, text));
    return out.toString();
  }

  /** Appends {@code text} after a blank line. */
  private static void append(StringBuilder out, String text) {
    if (out.length() > 0) {
      while (out.length() > 0 && out.charAt(out.length() - 1) == '\n') {
        out.setLength(out.length() - 1);
      }
      out.append("\n\n");
    }
    out.append(text);
    if (!text.endsWith("\n")) {
      out.append('\n');
    }
  }

  private record Parsed(String preamble, Map<String, String> sections) {}

  private static Parsed parse(String text) {
    List<String> lines = text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    StringBuilder preamble = new StringBuilder();
    Map<String, String> sections = new LinkedHashMap<>();
    String heading = null;
    List<String> body = new ArrayList<>();
    boolean fenced = false;
    for (String line : lines) {
      if (line.startsWith("```")) {
        fenced = !fenced;
      }
      if (!fenced && line.startsWith("## ")) {
        if (heading != null) {
          sections.put(heading, String.join("\n", body));
        }
        heading = line.substring(3).strip();
        // A heading that repeats keeps its own text under a distinct key: nothing is dropped.
        for (int n = 2; sections.containsKey(heading); n++) {
          heading = line.substring(3).strip() + " #" + n;
        }
        body = new ArrayList<>();
      }
      if (heading == null) {
        preamble.append(line).append('\n');
      } else {
        body.add(line);
      }
    }
    if (heading != null) {
      sections.put(heading, String.join("\n", body));
    }
    String pre = preamble.toString();
    // split() leaves one empty string after a final newline: drop the extra newline it adds.
    if (heading == null && pre.endsWith("\n\n")) {
      pre = pre.substring(0, pre.length() - 1);
    }
    return new Parsed(pre, sections);
  }
}
