package io.mrk.bench.report;

import io.mrk.bench.Implementations;
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
 * Turns JMH JSON results into the Markdown report and the throughput charts.
 *
 * <p>Usage: {@code Report RESULTS_MD CHART_DIR HEADER_MD AVAILABILITY_TSV HEAP_TSV JSON...}. The
 * table goes to standard output and, after the header (machine, JDK, settings), to
 * {@code RESULTS_MD}, replacing only the sections this report owns ({@link ResultsFile}); the charts
 * go to {@code CHART_DIR} as SVG and PNG. {@code AVAILABILITY_TSV}
 * is {@link io.mrk.bench.Availability}'s output plus lines
 * {@code name<TAB>status<TAB>reason} for whatever else did not run; {@code HEAP_TSV} the streaming benchmark's peaks
 * (may be missing). Called by {@code benchmarks/run}.
 */
public final class Report {

  private static final String[] OPERATIONS = {"encrypt", "decrypt"};

  private Report() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 6) {
      System.err.println("usage: Report RESULTS_MD CHART_DIR HEADER_MD AVAILABILITY_TSV HEAP_TSV JSON...");
      System.exit(2);
    }
    Path resultsMd = Path.of(args[0]);
    Path chartDir = Path.of(args[1]);
    String header = Files.readString(Path.of(args[2]), StandardCharsets.UTF_8);
    Map<String, String> notRun = notRun(Path.of(args[3]));
    Map<String, Long> heapPeaks = heapPeaks(Path.of(args[4]));
    List<Measurement> measurements = new ArrayList<>();
    for (int i = 5; i < args.length; i++) {
      measurements.addAll(JmhResults.read(Path.of(args[i])));
    }
    List<String> impls = new ArrayList<>(Implementations.names());
    measurements.stream().map(Measurement::impl).distinct().filter(i -> !impls.contains(i)).forEach(impls::add);

    String table = new MarkdownTable(impls).render(measurements, notRun, heapPeaks);
    System.out.print(table);

    Files.createDirectories(chartDir);
    StringBuilder charts = new StringBuilder();
    for (String operation : OPERATIONS) {
      List<Measurement> points =
          measurements.stream()
              .filter(m -> m.benchmark().equals("AeadBenchmark") && m.operation().equals(operation))
              .toList();
      if (points.isEmpty()) {
        continue;
      }
      ThroughputChart chart =
          new ThroughputChart("AES-256-GCM " + operation + ", 1 thread, 32-byte AAD", impls, points);
      SvgCanvas svg = new SvgCanvas(ThroughputChart.WIDTH, ThroughputChart.HEIGHT);
      chart.draw(svg);
      Files.writeString(chartDir.resolve("throughput-" + operation + ".svg"), svg.toSvg(), StandardCharsets.UTF_8);
      PngCanvas png = new PngCanvas(ThroughputChart.WIDTH, ThroughputChart.HEIGHT);
      chart.draw(png);
      Path pngFile = chartDir.resolve("throughput-" + operation + ".png");
      png.save(pngFile);
      Path relative = resultsMd.toAbsolutePath().getParent().relativize(pngFile.toAbsolutePath());
      charts.append("![").append(operation).append(" throughput](").append(relative).append(")\n\n");
    }
    // Only this run's parts are replaced: sections other scripts wrote (command-line latency,
    // mrk serve, suite 2 over KMS) stay as they are.
    ResultsFile.write(
        resultsMd,
        header + "\n## Results\n\n" + table + "\n## Throughput against message size\n\n" + charts,
        Set.of("Results", "Throughput against message size"));
  }

  private static Map<String, String> notRun(Path availability) throws IOException {
    Map<String, String> unavailable = new LinkedHashMap<>();
    for (String line : Files.readAllLines(availability, StandardCharsets.UTF_8)) {
      String[] fields = line.split("\t", 3);
      if (fields.length >= 2 && !fields[1].equals("available")) {
        unavailable.put(fields[0], fields[1] + (fields.length == 3 ? ": " + fields[2] : ""));
      }
    }
    return unavailable;
  }

  private static Map<String, Long> heapPeaks(Path heapFile) throws IOException {
    Map<String, Long> peaks = new LinkedHashMap<>();
    if (!Files.exists(heapFile)) {
      return peaks;
    }
    for (String line : Files.readAllLines(heapFile, StandardCharsets.UTF_8)) {
      String[] fields = line.split("\t");
      if (fields.length == 2) {
        peaks.merge(fields[0], Long.parseLong(fields[1].trim()), Math::max);
      }
    }
    return peaks;
  }
}
