package io.mrk.bench.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results as one Markdown table: a row per implementation, operation, message size and thread
 * count, with throughput, its error, the ratio to SunJCE of the same run, allocation per operation
 * and MRK's pass/miss marks; then a row per implementation or case that could not run, with why.
 */
final class MarkdownTable {

  private final List<String> implOrder;

  MarkdownTable(List<String> implOrder) {
    this.implOrder = implOrder;
  }

  String render(List<Measurement> measurements, Map<String, String> notRun, Map<String, Long> heapPeaks) {
    Bars bars = new Bars(measurements);
    StringBuilder out = new StringBuilder();
    out.append("| Benchmark | Op | Size | Threads | Impl | ops/s | MB/s | x SunJCE | B/op | Peak heap | Bars |\n");
    out.append("|---|---|---:|---:|---|---:|---:|---:|---:|---:|---|\n");
    measurements.stream()
        .sorted(
            Comparator.comparing(Measurement::benchmark)
                .thenComparing(Measurement::operation)
                .thenComparingInt(Measurement::threads)
                .thenComparingLong(Measurement::size)
                .thenComparingInt(m -> rank(m.impl())))
        .forEach(
            m ->
                out.append(
                    String.join(
                        " | ",
                        "| " + m.benchmark(),
                        m.operation(),
                        sizeLabel(m),
                        Integer.toString(m.threads()),
                        m.impl(),
                        withError(m.opsPerSecond(), m.opsError()),
                        m.benchmark().startsWith("KeyStore") ? "-" : withError(m.megabytesPerSecond(), m.megabytesError()),
                        bars.ratioToBaseline(m).map(MarkdownTable::ratio).orElse("-"),
                        Double.isNaN(m.allocBytesPerOp()) ? "-" : String.format(Locale.ROOT, "%.0f", m.allocBytesPerOp()),
                        heapPeak(m, heapPeaks),
                        bars.verdict(m) + " |\n")));
    notRun.forEach(
        (impl, reason) ->
            out.append("| - | - | - | - | ").append(impl).append(" | ")
                .append(reason.replace("|", "\\|")).append(" | | | | | |\n"));
    return out.toString();
  }

  private int rank(String impl) {
    int index = implOrder.indexOf(impl);
    return index < 0 ? implOrder.size() : index;
  }

  static String sizeLabel(Measurement m) {
    if (m.benchmark().startsWith("KeyStore")) {
      return m.size() + " keys";
    }
    return sizeLabel(m.size());
  }

  static String sizeLabel(long bytes) {
    if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
      return (bytes >> 20) + " MiB";
    }
    if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
      return (bytes >> 10) + " KiB";
    }
    return bytes + " B";
  }

  private static String heapPeak(Measurement m, Map<String, Long> heapPeaks) {
    Long peak = m.benchmark().startsWith("Streaming") ? heapPeaks.get(m.impl()) : null;
    return peak == null ? "-" : (peak >> 20) + " MiB";
  }

  private static String ratio(double ratio) {
    return String.format(Locale.ROOT, ratio >= 0.1 ? "%.2fx" : "%.2gx", ratio);
  }

  static String withError(double value, double error) {
    return Double.isNaN(error)
        ? significant(value)
        : significant(value) + " ± " + significant(error);
  }

  private static String significant(double value) {
    return value >= 100
        ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%.3g", value);
  }
}
