package io.mrk.server;

import io.mrk.kms.Region;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts answered requests per Region, operation and outcome, and the requests in flight (the
 * graceful stop waits for these to finish). Counters only: nothing of a request's content is kept.
 */
final class RequestStats {

  private final ConcurrentHashMap<String, LongAdder> answered = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();

  void begin() {
    inFlight.incrementAndGet();
  }

  void end() {
    inFlight.decrementAndGet();
  }

  int inFlight() {
    return inFlight.get();
  }

  void served(Region region, String operation, String errorType) {
    answered.computeIfAbsent(key(region, operation, errorType), k -> new LongAdder()).increment();
    answered.computeIfAbsent(key(region, operation, "*"), k -> new LongAdder()).increment();
  }

  /** Requests answered for {@code operation} in {@code region}: all of them, or those refused with {@code errorType}. */
  long count(Region region, String operation, String errorType) {
    LongAdder a = answered.get(key(region, operation, errorType == null ? "*" : errorType));
    return a == null ? 0 : a.sum();
  }

  private static String key(Region region, String operation, String outcome) {
    return region.code() + " " + operation + " " + (outcome == null ? "ok" : outcome);
  }
}
