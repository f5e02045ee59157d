package io.mrk.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MRK's performance bars (issue 10), reported, never asserted. {@code MRK} (inner AES-GCM on SunJCE):
 * at least 0.8x SunJCE at 64 B, 0.9x at 1 KiB and 0.95x at 16 KiB and above; ahead of Tink at 16 KiB
 * and above and within 0.9x of Tink below; ahead of Bouncy Castle and the AWS Encryption SDK at every
 * size. {@code MRK-ACCP} (inner AES-GCM on ACCP): at least 0.85x raw ACCP at 16 KiB and above.
 */
final class Bars {

  static final String MRK = "MRK";
  static final String MRK_ACCP = "MRK-ACCP";
  static final String BASELINE = "SunJCE";
  private static final List<String> PEERS_TO_BEAT = List.of("BC", "ESDK");
  private static final long LARGE_MESSAGE = 16 * 1024;

  private final List<Measurement> all;

  Bars(List<Measurement> all) {
    this.all = all;
  }

  /** The measurement of {@code impl} for the same case as {@code m}, if it ran. */
  Optional<Measurement> counterpart(Measurement m, String impl) {
    return all.stream().filter(o -> o.impl().equals(impl) && o.sameCase(m)).findFirst();
  }

  /** {@code m}'s throughput over SunJCE's in the same case of the same run, if SunJCE ran it. */
  Optional<Double> ratioToBaseline(Measurement m) {
    return ratioTo(m, BASELINE);
  }

  private Optional<Double> ratioTo(Measurement m, String impl) {
    return counterpart(m, impl).map(base -> m.opsPerSecond() / base.opsPerSecond());
  }

  /** The bar MRK's ratio to SunJCE must reach at {@code size}. */
  static double requiredRatio(long size) {
    return size >= LARGE_MESSAGE ? 0.95 : size >= 1024 ? 0.9 : 0.8;
  }

  /** Pass/miss marks for an MRK row; empty for other implementations and non-AEAD benchmarks. */
  String verdict(Measurement m) {
    if (!m.benchmark().startsWith("Aead")) {
      return "";
    }
    List<String> marks = new ArrayList<>();
    if (m.impl().equals(MRK_ACCP)) {
      if (m.size() >= LARGE_MESSAGE) {
        ratioTo(m, "ACCP").ifPresent(r -> marks.add(mark(r >= 0.85, String.format("%.2fx >= 0.85x ACCP", r))));
      }
      return String.join("; ", marks);
    }
    if (!m.impl().equals(MRK)) {
      return "";
    }
    ratioToBaseline(m).ifPresent(r -> {
      double required = requiredRatio(m.size());
      marks.add(mark(r >= required, String.format(">= %.2fx SunJCE", required)));
    });
    ratioTo(m, "Tink").ifPresent(r -> marks.add(m.size() >= LARGE_MESSAGE
        ? mark(r > 1.0, String.format("ahead of Tink (%.2fx)", r))
        : mark(r >= 0.9, String.format("%.2fx >= 0.9x Tink", r))));
    List<String> behind = new ArrayList<>();
    List<String> ahead = new ArrayList<>();
    for (String peer : PEERS_TO_BEAT) {
      counterpart(m, peer).ifPresent(p -> (m.opsPerSecond() > p.opsPerSecond() ? ahead : behind).add(peer));
    }
    if (!ahead.isEmpty() || !behind.isEmpty()) {
      marks.add(behind.isEmpty() ? "pass ahead of " + String.join(", ", ahead)
          : "**miss** behind " + String.join(", ", behind));
    }
    return String.join("; ", marks);
  }

  private static String mark(boolean pass, String what) {
    return (pass ? "pass " : "**miss** ") + what;
  }
}
