package io.mrk.bench.report;

import java.util.Objects;

/**
 * One JMH result: an implementation's throughput for one operation, message size and thread count.
 *
 * @param benchmark the benchmark class's simple name, e.g. {@code AeadBenchmark}
 * @param operation the benchmark method, e.g. {@code encrypt}
 * @param threads JMH threads; the score is their sum
 * @param impl the {@code impl} parameter
 * @param size the {@code size} parameter: message bytes, or keys for the keystore benchmark
 * @param opsPerSecond mean throughput
 * @param opsError half-width of JMH's 99.9% confidence interval, NaN when JMH had too few samples
 * @param allocBytesPerOp {@code gc.alloc.rate.norm} when run with {@code -prof gc}, else NaN
 */
public record Measurement(
    String benchmark,
    String operation,
    int threads,
    String impl,
    long size,
    double opsPerSecond,
    double opsError,
    double allocBytesPerOp) {

  public Measurement {
    Objects.requireNonNull(benchmark, "benchmark");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(impl, "impl");
  }

  /** Message bytes per second in MB (10^6 bytes). */
  public double megabytesPerSecond() {
    return opsPerSecond * size / 1e6;
  }

  /** The error of {@link #megabytesPerSecond()}. */
  public double megabytesError() {
    return opsError * size / 1e6;
  }

  /** True when this and {@code other} measure the same thing with possibly different implementations. */
  public boolean sameCase(Measurement other) {
    return benchmark.equals(other.benchmark)
        && operation.equals(other.operation)
        && threads == other.threads
        && size == other.size;
  }
}
