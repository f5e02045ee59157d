package io.mrk.internal.audit;

import io.mrk.audit.AuditLogException;
import io.mrk.kms.Region;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The audit trail of one opened keystore: its per-Region logs in {@code <keystore>.audit/}, chained
 * under the keystore's per-Region keys, with the opener's clock. An object with a lifetime, owned by
 * whoever opened the keystore; two trails of the same directory (two keystores, two processes) share
 * the files safely because every append session locks the file only for its own duration.
 *
 * <h2>Two ways in</h2>
 * <ol>
 *   <li><b>The outbox</b> ({@link #deliver}): events of a write are sealed into the keystore with the
 *       write and appended after it committed, by the writer or, if it crashed, by the next one.
 *       Delivery is idempotent: an event whose id is already in the log after the Region's anchor is
 *       not appended again. It also returns each Region's head for the next write's anchors.</li>
 *   <li><b>Direct events</b> ({@link #record}): events no write carries (key bindings by readers,
 *       refused or aborted operations) are queued and appended by a short-lived background thread in
 *       batches; {@link #flush} waits for them and reports what could not be written.</li>
 * </ol>
 *
 * <h2>Never silent</h2>
 * An event that cannot be written (full disk, read-only location, a log replaced by a directory, a
 * log whose last line does not verify) is counted per Region; {@link #flush} reports the count and
 * the cause, and the next session that can write that Region's log first appends a
 * {@value #DROPPED_EVENT} record with the count, inside the chain. A torn last line is cut off (or,
 * when it is a whole verified record that only lost its newline, completed) and
 * {@value #TAIL_RECOVERED_EVENT} records what was done; a log that no longer holds its
 * anchor gets {@value #VIOLATION_EVENT} before anything else is appended.
 */
public final class AuditTrail implements AutoCloseable {

  /** Service event: how many events of this Region could not be written. */
  public static final String DROPPED_EVENT = "MrkEventsDropped";
  /** Service event: a torn last line (a crash mid-append) was cut off. */
  public static final String TAIL_RECOVERED_EVENT = "MrkAuditTailRecovered";
  /** Service event: the log did not hold the keystore's anchor when a writer came to extend it. */
  public static final String VIOLATION_EVENT = "MrkAuditAnchorViolation";
  /** Service event: a log of chain version 1 was archived and this chain version 2 log started. */
  public static final String UPGRADED_EVENT = "MrkAuditChainUpgraded";

  /** How long an append waits for another process's append session before giving up. */
  public static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(10);

  private static final int QUEUE_CAPACITY = 8192;
  private static final long IDLE_MILLIS = 500;

  /**
   * What an outbox delivery achieved.
   *
   * @param anchors each Region's head after delivery (the previous anchor where a log could not be
   *     written), for the next write to seal
   * @param undelivered pending events that could not be appended and must stay in the outbox
   * @param problems one sentence per Region that could not be written
   */
  public record Delivery(SortedMap<Region, AuditAnchor> anchors, List<PendingEvent> undelivered,
                         List<String> problems) {
  }

  /**
   * What a {@link #flush} found since the previous one.
   *
   * @param dropped direct events that could not be written
   * @param problems one sentence per failure
   */
  public record Health(long dropped, List<String> problems) {

    /** True when everything was written. */
    public boolean ok() {
      return dropped == 0 && problems.isEmpty();
    }
  }

  private final Path directory;
  /** The keystore file whose trail this is, or {@code null}: direct events stop once it is gone. */
  private final Path keystoreFile;
  private final ChainKeys keys;
  private final Clock clock;
  private final Duration lockWait;
  /** One append session of this trail at a time (processes serialise on the file lock). */
  private final Object sessions = new Object();

  // Guarded by this: the direct-event queue and its reporting.
  private final Deque<PendingEvent> queue = new ArrayDeque<>();
  private final Map<Region, Long> unrecordedDrops = new TreeMap<>();
  private final List<String> problems = new ArrayList<>();
  private long accepted;
  private long settled;
  private long dropped;
  private boolean closed;
  private Thread drainer;
  private Thread shutdownHook;

  private AuditTrail(Path directory, Path keystoreFile, ChainKeys keys, Clock clock, Duration lockWait) {
    this.directory = directory;
    this.keystoreFile = keystoreFile;
    this.keys = keys;
    this.clock = clock;
    this.lockWait = lockWait;
  }

  /**
   * The trail in {@code directory}; opening touches no file (a read-only location still serves
   * reads). The trail owns {@code keys} from this call on and wipes them on {@link #close}.
   */
  public static AuditTrail open(Path directory, ChainKeys keys, Clock clock, Duration lockWait) {
    if (directory == null || keys == null || clock == null || lockWait == null || lockWait.isNegative()) {
      throw new IllegalArgumentException("an audit trail needs a directory, chain keys, a clock and a lock wait");
    }
    return new AuditTrail(directory, null, keys, clock, lockWait);
  }

  /**
   * The trail of {@code keystoreFile} ({@link AuditLogFiles#directoryFor}); as {@link #open}, and
   * direct events are not written (but reported as dropped) once the keystore file is gone, so that a
   * deleted keystore's trail is never recreated by a late event.
   */
  public static AuditTrail forKeystore(Path keystoreFile, ChainKeys keys, Clock clock, Duration lockWait) {
    AuditTrail checked = open(AuditLogFiles.directoryFor(keystoreFile), keys, clock, lockWait);
    return new AuditTrail(checked.directory, keystoreFile, keys, clock, lockWait);
  }

  /** The directory of the logs. */
  public Path directory() {
    return directory;
  }

  /** The trail's clock, which stamps events. */
  public Clock clock() {
    return clock;
  }

  // ---- direct events ------------------------------------------------------------------------

  /** Queues {@code event}, stamped now, for appending; never waits for the disk. */
  public void record(AuditEvent event) {
    record(event, null);
  }

  /** As {@link #record(AuditEvent)}, the record naming {@code lineage} (null: none). */
  public void record(AuditEvent event, WriterLineage lineage) {
    PendingEvent pending = PendingEvent.of(event, clock.instant(), lineage);
    synchronized (this) {
      if (closed || queue.size() >= QUEUE_CAPACITY) {
        countDrop(event.region(), closed ? "the audit trail was closed" : "the audit queue is full");
        return;
      }
      queue.add(pending);
      accepted++;
      if (drainer == null) {
        startDrainer();
      }
      notifyAll();
    }
  }

  /** Waits until every event recorded before this call is written or counted as dropped. */
  public Health flush() throws InterruptedException {
    synchronized (this) {
      long target = accepted;
      while (settled < target) {
        wait();
      }
      Health health = new Health(dropped, List.copyOf(problems));
      dropped = 0;
      problems.clear();
      return health;
    }
  }

  private void startDrainer() {
    Thread thread = new Thread(this::drain, "mrk-audit-" + directory.getFileName());
    thread.setDaemon(true);
    Thread hook = new Thread(this::awaitOnShutdown, "mrk-audit-shutdown");
    drainer = thread;
    shutdownHook = hook;
    try {
      Runtime.getRuntime().addShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      shutdownHook = null;
    }
    thread.start();
  }

  /** Runs at JVM exit while events are queued: lets the drainer finish, bounded by the lock wait. */
  private void awaitOnShutdown() {
    long deadline = System.currentTimeMillis() + lockWait.toMillis() + 1000;
    synchronized (this) {
      while (settled < accepted && System.currentTimeMillis() < deadline) {
        try {
          wait(Math.max(1, deadline - System.currentTimeMillis()));
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private void drain() {
    while (true) {
      List<PendingEvent> batch;
      synchronized (this) {
        long idleUntil = System.currentTimeMillis() + IDLE_MILLIS;
        while (queue.isEmpty() && !closed && System.currentTimeMillis() < idleUntil) {
          try {
            wait(Math.max(1, idleUntil - System.currentTimeMillis()));
          } catch (InterruptedException e) {
            break;
          }
        }
        if (queue.isEmpty()) {
          retireDrainer();
          return;
        }
        batch = new ArrayList<>(queue);
        queue.clear();
      }
      Map<Region, List<PendingEvent>> byRegion = new TreeMap<>();
      for (PendingEvent p : batch) {
        byRegion.computeIfAbsent(p.region(), r -> new ArrayList<>()).add(p);
      }
      for (Map.Entry<Region, List<PendingEvent>> entry : byRegion.entrySet()) {
        String problem = appendDirect(entry.getKey(), entry.getValue());
        synchronized (this) {
          if (problem != null) {
            for (int i = 0; i < entry.getValue().size(); i++) {
              countDrop(entry.getKey(), problem);
            }
          }
          settled += entry.getValue().size();
          notifyAll();
        }
      }
    }
  }

  private void retireDrainer() {
    drainer = null;
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or about to; it only waits.
      }
    }
    shutdownHook = null;
    notifyAll();
  }

  /** Appends one Region's batch of direct events; the problem, or null when all were written. */
  private String appendDirect(Region region, List<PendingEvent> events) {
    if (keystoreFile != null && !Files.exists(keystoreFile)) {
      return region + ": the keystore " + keystoreFile + " is gone";
    }
    String foreign = TrailOwner.foreign(directory, keys.trailId());
    if (foreign != null) {
      return region + ": " + foreign;
    }
    synchronized (sessions) {
      try (RegionLog log = openForAppend(region, false)) {
        for (PendingEvent p : events) {
          log.append(p);
        }
        return null;
      } catch (IOException | AuditLogException | RuntimeException e) {
        // Whatever fails, the drainer must live on to settle the queue, or flush would wait forever.
        return region + ": " + e.getMessage();
      }
    }
  }

  private synchronized void countDrop(Region region, String problem) {
    unrecordedDrops.merge(region, 1L, Long::sum);
    dropped++;
    if (!problems.contains(problem)) {
      problems.add(problem);
    }
  }

  /** Opens a Region's log, recording a torn-tail recovery and any drops not yet recorded there. */
  private RegionLog openForAppend(Region region, boolean createDirectory) throws IOException, AuditLogException {
    RegionLog log = RegionLog.open(AuditLogFiles.fileFor(directory, region), region, keys.mac(region), lockWait,
        createDirectory);
    try {
      if (log.tornBytes() > 0 || log.completedTail()) {
        log.append(service(TAIL_RECOVERED_EVENT, region, Map.of("truncatedBytes", BigDecimal.valueOf(log.tornBytes()),
            "completedLastRecord", log.completedTail())));
      }
      long drops;
      synchronized (this) {
        drops = unrecordedDrops.getOrDefault(region, 0L);
      }
      if (drops > 0) {
        log.append(service(DROPPED_EVENT, region, Map.of("droppedEvents", BigDecimal.valueOf(drops))));
        synchronized (this) {
          unrecordedDrops.merge(region, -drops, (a, b) -> a + b == 0 ? null : a + b);
        }
      }
      return log;
    } catch (IOException | RuntimeException e) {
      log.close();
      throw e;
    }
  }

  private PendingEvent service(String name, Region region, Map<String, Object> data) {
    return PendingEvent.of(AuditEvent.serviceEvent(name, region, data, List.of()), clock.instant());
  }

  // ---- the outbox ---------------------------------------------------------------------------

  /**
   * Appends the {@code outbox} events not yet in their logs after {@code anchors}, and reads every
   * Region's head (Regions with an anchor, a pending event or a log file).
   */
  public Delivery deliver(Map<Region, AuditAnchor> anchors, List<PendingEvent> outbox) {
    List<String> trouble = new ArrayList<>();
    if (!anchors.isEmpty() || !outbox.isEmpty() || Files.isDirectory(directory)) {
      // Claimed before the logs are listed, so another keystore's logs are moved aside, never read.
      try {
        synchronized (sessions) {
          TrailOwner.claim(directory, keys.trailId());
        }
      } catch (IOException e) {
        trouble.add("the audit directory " + directory + " cannot be prepared: " + e.getMessage());
      }
    }
    Set<Region> regions = new TreeSet<>(anchors.keySet());
    outbox.forEach(p -> regions.add(p.region()));
    try {
      regions.addAll(AuditLogFiles.regionFiles(directory).keySet());
    } catch (IOException | RuntimeException e) {
      trouble.add("the audit directory " + directory + " cannot be listed: " + e.getMessage());
    }
    SortedMap<Region, AuditAnchor> heads = new TreeMap<>();
    List<PendingEvent> undelivered = new ArrayList<>();
    for (Region region : regions) {
      AuditAnchor from = anchors.getOrDefault(region, AuditAnchor.genesis(region));
      List<PendingEvent> mine = outbox.stream().filter(p -> p.region().equals(region)).toList();
      synchronized (sessions) {
        try (RegionLog log = openForAppend(region, true)) {
          Set<UUID> present = idsAfterOrRecord(log, from);
          for (PendingEvent p : mine) {
            if (!present.contains(p.eventId())) {
              log.append(p);
            }
          }
          heads.put(region, log.anchor());
        } catch (IOException | AuditLogException | RuntimeException e) {
          undelivered.addAll(mine);
          if (anchors.containsKey(region)) {
            heads.put(region, from);
          }
          trouble.add(region + ": " + e.getMessage() + (mine.isEmpty() ? ""
              : " (" + mine.size() + " committed events stay in the keystore's outbox until a later write)"));
        }
      }
    }
    return new Delivery(heads, undelivered, trouble);
  }

  /**
   * The ids after {@code from}; when the log no longer holds the anchor, records the violation in
   * the chain first and looks for the events from the log's start.
   */
  private Set<UUID> idsAfterOrRecord(RegionLog log, AuditAnchor from) throws IOException {
    try {
      return log.idsAfter(from);
    } catch (AuditLogException violation) {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("anchoredSequence", BigDecimal.valueOf(from.sequence()));
      data.put("anchoredHead", from.headHex());
      data.put("foundSequence", BigDecimal.valueOf(log.anchor().sequence()));
      data.put("problem", violation.chainBreak().problem().name());
      try {
        Set<UUID> present = log.idsAfter(AuditAnchor.genesis(from.region()));
        log.append(service(VIOLATION_EVENT, from.region(), data));
        return present;
      } catch (AuditLogException unreadable) {
        log.append(service(VIOLATION_EVENT, from.region(), data));
        return Set.of();
      }
    }
  }

  /**
   * Moves every chain version 1 log aside ({@code <region>.jsonl.v1}) and starts each given Region's
   * version 2 log with {@value #UPGRADED_EVENT}; for the first write after an upgrade of MRK.
   */
  public List<String> archiveLegacyLogs(Set<Region> regions) {
    List<String> trouble = new ArrayList<>();
    Set<Region> all = new TreeSet<>(regions);
    synchronized (sessions) {
      try {
        for (Map.Entry<Region, Path> legacy : AuditLogFiles.regionFiles(directory).entrySet()) {
          Path archived = legacy.getValue().resolveSibling(legacy.getValue().getFileName() + ".v1");
          Files.move(legacy.getValue(), archived);
          all.add(legacy.getKey());
        }
      } catch (IOException e) {
        trouble.add("chain version 1 logs in " + directory + " could not be archived: " + e.getMessage());
        return trouble;
      }
      for (Region region : all) {
        try (RegionLog log = openForAppend(region, true)) {
          log.append(service(UPGRADED_EVENT, region, Map.of("chainVersion", BigDecimal.valueOf(2))));
        } catch (IOException | AuditLogException e) {
          trouble.add(region + ": " + e.getMessage());
        }
      }
    }
    return trouble;
  }

  /** Writes everything recorded so far, then wipes the chain keys. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      notifyAll();
      boolean interrupted = false;
      while (drainer != null) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    keys.close();
  }

  @Override
  public String toString() {
    return "AuditTrail[" + directory + "]";
  }
}
