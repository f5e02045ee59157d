package io.mrk.internal.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one {@link AuditWriter} of each audit directory in this JVM.
 *
 * <p>A Region's log file is locked while a writer holds it, and a JVM cannot lock one file twice,
 * so every registry of the same keystore file (a {@code KeyStore}, {@code MrkKeystore.update}, a
 * command) shares one writer. A writer stays open until the JVM exits: its shutdown hook writes
 * everything accepted and releases the files ({@link AuditWriter#close}); callers that need the
 * events on disk earlier call {@link #flush}.
 */
public final class AuditTrails {

  private static final Map<Path, AuditWriter> WRITERS = new HashMap<>();

  private AuditTrails() {
  }

  /**
   * The writer of {@code directory}, started with {@code chainKey} when none is open yet (the key
   * is closed when an open writer is returned instead).
   *
   * @throws AuditLogException when an existing log's last record is damaged
   */
  public static synchronized AuditWriter writerFor(Path directory, ChainKey chainKey, Clock clock)
      throws IOException, AuditLogException {
    Path key = directory.toAbsolutePath().normalize();
    AuditWriter open = WRITERS.get(key);
    if (open != null) {
      chainKey.close();
      return open;
    }
    AuditWriter started = AuditWriter.start(key, chainKey, clock, AuditWriter.DEFAULT_QUEUE_CAPACITY);
    WRITERS.put(key, started);
    return started;
  }

  /** Waits until everything appended to {@code directory}'s writer so far is written, if one is open. */
  public static void flush(Path directory) throws InterruptedException {
    Optional<AuditWriter> open;
    synchronized (AuditTrails.class) {
      open = Optional.ofNullable(WRITERS.get(directory.toAbsolutePath().normalize()));
    }
    if (open.isPresent()) {
      open.get().flush();
    }
  }
}
