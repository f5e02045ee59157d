package io.mrk.bench;

import org.openjdk.jmh.annotations.Threads;

/**
 * Single-thread per-message encrypt and decrypt throughput; see {@link AeadThroughput}.
 *
 * <p>Run (short, all peers, one size):
 * {@code java -jar benchmarks/target/benchmarks.jar 'AeadBenchmark' -p size=1024 -wi 1 -w 3s -i 2 -r 1s -f 1 -prof gc}.
 * Add {@code -p impl=SunJCE,MRK} to compare MRK with the baseline only (MRK needs {@code -Pmrk}).
 */
@Threads(1)
public class AeadBenchmark extends AeadThroughput {}
