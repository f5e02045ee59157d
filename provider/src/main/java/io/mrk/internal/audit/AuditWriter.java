package io.mrk.internal.audit;

import io.mrk.kms.Region;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.crypto.Mac;

/**
 * Appends audit events to per-Region, hash-chained JSON Lines logs without slowing the caller.
 *
 * <h2>Design</h2>
 * <ol>
 *   <li>{@link #append} stamps the event time from the injected {@link Clock} and offers the event to
 *       a bounded in-memory queue; it never waits for the disk. One daemon thread drains the queue
 *       and writes each record to {@code <directory>/<region>.jsonl}, assigning sequence number and
 *       link ({@link AuditChain}).</li>
 *   <li>Drop policy: when the queue is full, the writer is closed, or a write fails, the event is
 *       counted as dropped for its Region. As soon as that Region's log can be written again, the
 *       writer appends an {@value #DROPPED_EVENT} service event giving the count, inside the chain,
 *       so that a gap cannot be hidden without breaking the chain.</li>
 *   <li>{@link #close} (also run by a shutdown hook) stops accepting events, writes everything
 *       queued and any pending drop records, forces the files to disk and releases them: a clean
 *       shutdown loses nothing. A JVM crash can lose what was queued and not yet written.</li>
 *   <li>Existing logs are resumed from their last record ({@link RegionLog}); a damaged tail makes
 *       {@link #start} fail with the break rather than extend a broken chain.</li>
 * </ol>
 *
 * <p>The chain proves what happened only to those who hold the chain key; see
 * {@code spec/policy-and-audit.md} for what it detects and what it cannot.
 */
public final class AuditWriter implements AutoCloseable {

  /** The name of the service event recording how many events a Region's log lost. */
  public static final String DROPPED_EVENT = "MrkEventsDropped";

  /** Queue capacity when the caller has no better number. */
  public static final int DEFAULT_QUEUE_CAPACITY = 8192;

  private static final long RETRY_MILLIS = 1000;

  private sealed interface Item permits Pending, Flush, Stop {
  }

  private record Pending(AuditEvent event, Instant time) implements Item {
  }

  private record Flush(CountDownLatch done) implements Item {
  }

  private record Stop() implements Item {
  }

  private final Path directory;
  private final ChainKey chainKey;
  private final Clock clock;
  private final BlockingQueue<Item> queue;
  private final ReadWriteLock acceptance = new ReentrantReadWriteLock();
  private final Map<Region, AtomicLong> pendingDrops = new ConcurrentHashMap<>();
  private final AtomicLong droppedTotal = new AtomicLong();
  private final Map<Region, RegionLog> logs = new HashMap<>();
  private final Map<Region, ChainBreak> brokenRegions = new ConcurrentHashMap<>();
  private final Thread writerThread;
  private final Thread shutdownHook;
  private boolean closed;
  private Mac mac;

  AuditWriter(Path directory, ChainKey chainKey, Clock clock, int queueCapacity) {
    if (directory == null || chainKey == null || clock == null || queueCapacity < 1) {
      throw new IllegalArgumentException("an audit writer needs a directory, a chain key, a clock and a positive capacity");
    }
    this.directory = directory;
    this.chainKey = chainKey;
    this.clock = clock;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.writerThread = new Thread(this::drain, "mrk-audit-writer");
    this.writerThread.setDaemon(true);
    this.shutdownHook = new Thread(this::close, "mrk-audit-shutdown");
  }

  /**
   * Opens (creating it when needed) the audit directory, resumes every Region log found there and
   * starts the writer thread.
   *
   * @param chainKey the chain key; the writer owns it from this call on and closes it on
   *     {@link #close} or when starting fails (give the verifier its own instance)
   * @throws AuditLogException when an existing log's last record is damaged (the break is named)
   */
  public static AuditWriter start(Path directory, ChainKey chainKey, Clock clock, int queueCapacity)
      throws IOException, AuditLogException {
    AuditWriter writer = new AuditWriter(directory, chainKey, clock, queueCapacity);
    try {
      writer.resumeAll();
    } catch (IOException | AuditLogException | RuntimeException e) {
      chainKey.close();
      throw e;
    }
    writer.startThread();
    return writer;
  }

  void resumeAll() throws IOException, AuditLogException {
    Files.createDirectories(directory);
    mac = chainKey.newMac();
    try {
      for (Map.Entry<Region, Path> entry : AuditLogFiles.regionFiles(directory).entrySet()) {
        logs.put(entry.getKey(), RegionLog.open(entry.getValue(), entry.getKey(), mac));
      }
    } catch (IOException | AuditLogException e) {
      closeLogs();
      throw e;
    }
  }

  void startThread() {
    writerThread.start();
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Records {@code event}, time-stamped now; returns at once. Returns {@code false} when the event
   * was dropped (queue full or writer closed); the drop is counted and recorded in the Region's log.
   */
  public boolean append(AuditEvent event) {
    Pending pending = new Pending(event, clock.instant());
    acceptance.readLock().lock();
    try {
      if (!closed && queue.offer(pending)) {
        return true;
      }
    } finally {
      acceptance.readLock().unlock();
    }
    countDropped(event.region(), 1);
    return false;
  }

  /** Waits until every event appended before this call has been written or counted as dropped. */
  public void flush() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    acceptance.readLock().lock();
    try {
      if (closed) {
        return;
      }
      queue.put(new Flush(done));
    } finally {
      acceptance.readLock().unlock();
    }
    done.await();
  }

  /** How many events were dropped since start, whether or not their drop records are written yet. */
  public long droppedEvents() {
    return droppedTotal.get();
  }

  /** Regions whose log could not be resumed after a failed write, with the break found. */
  public Map<Region, ChainBreak> brokenRegions() {
    return Map.copyOf(brokenRegions);
  }

  /** Writes everything accepted so far, then releases the files and wipes the chain key. Idempotent. */
  @Override
  public void close() {
    acceptance.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      acceptance.writeLock().unlock();
    }
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException | IllegalArgumentException shuttingDownOrNeverAdded) {
        // The JVM is already shutting down, or the writer was never started.
      }
    }
    if (writerThread.isAlive()) {
      boolean interrupted = false;
      while (true) {
        try {
          queue.put(new Stop());
          writerThread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    } else {
      closeLogs();
    }
    chainKey.close();
  }

  private void drain() {
    try {
      while (true) {
        Item item;
        try {
          item = queue.poll(RETRY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          continue;
        }
        writeDropRecords();
        if (item instanceof Stop) {
          for (Item rest = queue.poll(); rest != null; rest = queue.poll()) {
            handle(rest);
          }
          writeDropRecords();
          return;
        }
        if (item != null) {
          handle(item);
        }
      }
    } finally {
      closeLogs();
    }
  }

  private void handle(Item item) {
    if (item instanceof Pending p) {
      if (!write(p.event(), p.time())) {
        countDropped(p.event().region(), 1);
      }
    } else if (item instanceof Flush f) {
      writeDropRecords();
      f.done().countDown();
    }
  }

  private void writeDropRecords() {
    for (Map.Entry<Region, AtomicLong> entry : pendingDrops.entrySet()) {
      long count = entry.getValue().get();
      if (count == 0) {
        continue;
      }
      Region region = entry.getKey();
      AuditEvent notice = AuditEvent.serviceEvent(DROPPED_EVENT, region,
          Map.of("droppedEvents", BigDecimal.valueOf(count)), List.of());
      if (write(notice, clock.instant())) {
        entry.getValue().addAndGet(-count);
      }
    }
  }

  /** Writes one record; false when its Region's log cannot be written now. */
  private boolean write(AuditEvent event, Instant time) {
    Region region = event.region();
    if (brokenRegions.containsKey(region)) {
      return false;
    }
    RegionLog log = logs.get(region);
    try {
      if (log == null) {
        log = RegionLog.open(AuditLogFiles.fileFor(directory, region), region, mac);
        logs.put(region, log);
      }
      log.append(event, time, UUID.randomUUID(), mac);
      return true;
    } catch (AuditLogException e) {
      brokenRegions.put(region, e.chainBreak());
      return false;
    } catch (IOException e) {
      if (log != null) {
        logs.remove(region);
        closeQuietly(log);
      }
      return false;
    }
  }

  private void countDropped(Region region, long count) {
    pendingDrops.computeIfAbsent(region, r -> new AtomicLong()).addAndGet(count);
    droppedTotal.addAndGet(count);
  }

  private void closeLogs() {
    for (RegionLog log : logs.values()) {
      closeQuietly(log);
    }
    logs.clear();
  }

  private static void closeQuietly(RegionLog log) {
    try {
      log.close();
    } catch (IOException e) {
      // Records already written stay written; the next open verifies the tail.
    }
  }
}
