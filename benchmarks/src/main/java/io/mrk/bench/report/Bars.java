package io.mrk.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MRK's performance bars, reported (never asserted): at least 0.95x SunJCE at 16 KiB and above,
 * 0.8x below, and ahead of Bouncy Castle, Tink and the AWS Encryption SDK at every size.
 */
final class Bars {

  static final String MRK = "MRK";
  static final String BASELINE = "SunJCE";
  private static final List<String> PEERS_TO_BEAT = List.of("BC", "Tink", "ESDK");
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
    return counterpart(m, BASELINE).map(base -> m.opsPerSecond() / base.opsPerSecond());
  }

  /** The bar the ratio to SunJCE must reach at {@code size}. */
  static double requiredRatio(long size) {
    return size >= LARGE_MESSAGE ? 0.95 : 0.8;
  }

  /** Pass/miss marks for an MRK row; empty for other implementations and non-AEAD benchmarks. */
  String verdict(Measurement m) {
    if (!m.impl().equals(MRK) || !m.benchmark().startsWith("Aead")) {
      return "";
    }
    List<String> marks = new ArrayList<>();
    ratioToBaseline(m)
        .ifPresent(
            ratio -> {
              double required = requiredRatio(m.size());
              marks.add(
                  String.format(
                      "%s >= %.2fx SunJCE", ratio >= required ? "pass" : "**miss**", required));
            });
    List<String> behind = new ArrayList<>();
    List<String> ahead = new ArrayList<>();
    for (String peer : PEERS_TO_BEAT) {
      counterpart(m, peer)
          .ifPresent(p -> (m.opsPerSecond() > p.opsPerSecond() ? ahead : behind).add(peer));
    }
    if (!ahead.isEmpty() || !behind.isEmpty()) {
      marks.add(
          behind.isEmpty()
              ? "pass ahead of " + String.join(", ", ahead)
              : "**miss** behind " + String.join(", ", behind));
    }
    return String.join("; ", marks);
  }
}
