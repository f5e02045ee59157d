package io.mrk.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Issue 12's section of {@code RESULTS.md}: suite 2 over {@code mrk serve} with a warm data-key
 * cache next to suite 1 and SunJCE ({@code KmsEnvelopeBenchmark}), and the cold message
 * ({@code KmsColdMessageBenchmark}).
 *
 * <p>Usage: {@code KmsReport RESULTS_MD HEADER_MD JSON...}; {@code HEADER_MD} is the section's text
 * before its tables (date, machine, load, settings). Only this section of {@code RESULTS_MD} is
 * replaced (or appended); the rest of the file is kept ({@link ResultsFile}). Called by
 * {@code benchmarks/run --kms}.
 */
public final class KmsReport {

  /** The heading this report owns. */
  static final String HEADING = "Suite 2 over `mrk serve`: keys in KMS (issue 12)";

  private static final String SUNJCE = "SunJCE";
  private static final String SUITE1 = "MRK";
  private static final String SUITE2 = "MRK-KMS";
  private static final long[] SIZES = {64, 16384, 1048576};

  private KmsReport() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: KmsReport RESULTS_MD HEADER_MD JSON...");
      System.exit(2);
    }
    String header = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
    List<Measurement> all = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      all.addAll(JmhResults.read(Path.of(args[i])));
    }
    String section = render(header, all);
    System.out.print(section);
    ResultsFile.write(Path.of(args[0]), section, Set.of(HEADING));
  }

  static String render(String header, List<Measurement> all) {
    StringBuilder out = new StringBuilder("## ").append(HEADING).append("\n\n").append(header).append('\n');
    out.append("Warm data-key cache (`KmsEnvelopeBenchmark`, one thread, 32-byte AAD; suite 2 encrypts with the\n")
        .append("us-east-1 handle and decrypts with the eu-west-1 replica's; setup checked that these messages call KMS\n")
        .append("no more):\n\n");
    out.append("| Op | Size | SunJCE ops/s | MRK suite 1 ops/s | MRK-KMS suite 2 ops/s | suite 2 MB/s | suite 2 x SunJCE | suite 2 x suite 1 |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (String op : new String[] {"encrypt", "decrypt"}) {
      for (long size : SIZES) {
        Optional<Measurement> base = find(all, "KmsEnvelopeBenchmark", op, size, SUNJCE);
        Optional<Measurement> one = find(all, "KmsEnvelopeBenchmark", op, size, SUITE1);
        Optional<Measurement> two = find(all, "KmsEnvelopeBenchmark", op, size, SUITE2);
        if (base.isEmpty() && one.isEmpty() && two.isEmpty()) {
          continue;
        }
        out.append("| ").append(op).append(" | ").append(MarkdownTable.sizeLabel(size)).append(" | ")
            .append(base.map(KmsReport::ops).orElse("-")).append(" | ")
            .append(one.map(KmsReport::ops).orElse("-")).append(" | ")
            .append(two.map(KmsReport::ops).orElse("-")).append(" | ")
            .append(two.map(m -> MarkdownTable.withError(m.megabytesPerSecond(), m.megabytesError())).orElse("-"))
            .append(" | ").append(ratio(two, base)).append(" | ").append(ratio(two, one)).append(" |\n");
      }
    }
    List<Measurement> cold = all.stream().filter(m -> m.benchmark().equals("KmsColdMessageBenchmark")).toList();
    if (!cold.isEmpty()) {
      Optional<Measurement> warm = find(all, "KmsEnvelopeBenchmark", "encrypt", 64, SUITE2);
      out.append("\nCold message (`KmsColdMessageBenchmark`, data-key cache `maxMessages = 1`, 64 B, one thread;\n")
          .append("setup checked one KMS call per operation and message):\n\n");
      out.append("| Operation | KMS calls per message | messages/s | ms per message | KMS share (ms) |\n");
      out.append("|---|---|---:|---:|---:|\n");
      for (Measurement m : cold) {
        boolean roundTrip = m.operation().equals("roundTrip");
        String calls = roundTrip ? "GenerateDataKey + Decrypt" : "GenerateDataKey";
        // The KMS share: the cold time less the same message over a cached data key (encrypt; for the
        // round trip, also the cached decrypt of the same size).
        double cached = warm.map(w -> 1e3 / w.opsPerSecond()).orElse(Double.NaN);
        if (roundTrip) {
          cached += find(all, "KmsEnvelopeBenchmark", "decrypt", 64, SUITE2).map(d -> 1e3 / d.opsPerSecond())
              .orElse(Double.NaN);
        }
        double ms = 1e3 / m.opsPerSecond();
        out.append("| ").append(m.operation()).append(" | ").append(calls).append(" | ").append(ops(m))
            .append(" | ").append(String.format(Locale.ROOT, "%.3f", ms)).append(" | ")
            .append(Double.isNaN(cached) ? "-" : String.format(Locale.ROOT, "%.3f", ms - cached)).append(" |\n");
      }
    }
    return out.toString();
  }

  private static Optional<Measurement> find(List<Measurement> all, String bench, String op, long size, String impl) {
    return all.stream().filter(m -> m.benchmark().equals(bench) && m.operation().equals(op) && m.size() == size
        && m.impl().equals(impl)).findFirst();
  }

  private static String ops(Measurement m) {
    return MarkdownTable.withError(m.opsPerSecond(), m.opsError());
  }

  private static String ratio(Optional<Measurement> a, Optional<Measurement> b) {
    if (a.isEmpty() || b.isEmpty() || b.get().opsPerSecond() <= 0) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.2fx", a.get().opsPerSecond() / b.get().opsPerSecond());
  }
}
