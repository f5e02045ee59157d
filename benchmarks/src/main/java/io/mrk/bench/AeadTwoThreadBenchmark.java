package io.mrk.bench;

import org.openjdk.jmh.annotations.Threads;

/**
 * Per-message encrypt and decrypt throughput with two threads, each with its own {@code Cipher}s
 * and keys; see {@link AeadThroughput}. The score is the sum over both threads.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar 'AeadTwoThreadBenchmark' -p size=1024,1048576 -wi 1 -w 12s -i 2 -r 1s -f 1}.
 */
@Threads(2)
public class AeadTwoThreadBenchmark extends AeadThroughput {}
