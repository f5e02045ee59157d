package io.mrk.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Measures the peak heap in use during an operation, from the JVM's per-pool peak counters.
 *
 * <p>{@link #start()} collects garbage and resets the peaks; {@link #peakBytes()} is the sum of each
 * heap pool's peak since then. Pools peak at different moments, so the sum is an upper bound, and it
 * includes garbage not yet collected: compare implementations with it, do not read it as a live set.
 */
final class HeapPeak {

  private final List<MemoryPoolMXBean> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isUsageThresholdSupported())
          .toList();

  void start() {
    System.gc();
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  long peakBytes() {
    return heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
  }
}
