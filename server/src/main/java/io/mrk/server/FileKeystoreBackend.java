package io.mrk.server;

import io.mrk.KeystoreSession;
import io.mrk.MrkKeystore;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@link KeystoreBackend} over one {@link KeystoreSession} of a sealed keystore file.
 *
 * <p>The session opens the file once (one password KDF) and keeps the derived key: reads serve its
 * read-only view, which checks the file on every use (a 40-byte read of its size and checksum) and
 * swaps to a newer generation that any process wrote; writes go through the session under the file
 * lock without deriving again, and seal their audit events with the commit.
 *
 * <p>The server is a writer, so it applies automatic rotations on time: readers never mint key
 * material (spec/registry-semantics.md), so a rotation that fell due exists only once a write has
 * persisted it. {@link #current} persists a rotation that fell due before it serves a request (a
 * constant-time check while none is due), and a daemon checks once per {@link #ROTATION_CHECK} so
 * rotations are written on time without requests too. Should such a write fail, the view keeps
 * encrypting under the newest persisted version, which every other process can decrypt.
 */
public final class FileKeystoreBackend implements KeystoreBackend {

  /** How often the server looks for automatic rotations that fell due. */
  static final Duration ROTATION_CHECK = Duration.ofSeconds(1);

  private final MrkKeystore keystores;
  private final Path file;
  private final char[] password;
  private final Object writeLock = new Object();
  private volatile KeystoreSession session;
  private volatile long retryRotationNanos = System.nanoTime();
  private ScheduledExecutorService rotations;

  public FileKeystoreBackend(MrkKeystore keystores, Path file, char[] password) {
    this.keystores = Objects.requireNonNull(keystores, "keystores").withRefreshInterval(Duration.ZERO);
    this.file = Objects.requireNonNull(file, "file");
    this.password = Objects.requireNonNull(password, "password").clone();
  }

  /** The same file with another clock for rotation schedules, deletion windows and transient states. */
  public FileKeystoreBackend withClock(Clock clock) {
    return new FileKeystoreBackend(keystores.withClock(Objects.requireNonNull(clock, "clock")), file, password);
  }

  /**
   * The same file with a replication delay for the writes of this backend (the states it creates
   * are stored in the keystore, so every reader sees them end on time).
   *
   * @throws IllegalArgumentException if negative
   */
  public FileKeystoreBackend withReplicationDelay(Duration delay) {
    return new FileKeystoreBackend(keystores.withReplicationDelay(delay), file, password);
  }

  /** The keystore file. */
  public Path file() {
    return file;
  }

  /**
   * Opens the session now (a wrong password or a damaged file stops the server at start rather than
   * at the first request), persists the rotations already due and starts the rotation check.
   */
  public synchronized FileKeystoreBackend open() throws IOException {
    if (session == null) {
      session = keystores.open(file, password);
      Arrays.fill(password, '\0');
      applyDueRotations();
      rotations = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mrk-serve-rotations");
        t.setDaemon(true);
        return t;
      });
      long period = ROTATION_CHECK.toMillis();
      rotations.scheduleWithFixedDelay(this::rotateWhenDue, period, period, TimeUnit.MILLISECONDS);
    }
    return this;
  }

  /**
   * The session's view, after persisting any automatic rotation that fell due (a constant-time check
   * while none is due), so an Encrypt after the rotation date uses the new material as in KMS.
   */
  @Override
  public KeyRegistry current() throws IOException {
    KeystoreSession s = session();
    if (s.dueRotations() > 0 && System.nanoTime() - retryRotationNanos >= 0) {
      try {
        applyDueRotations();
      } catch (IOException e) {
        // Keep serving under the newest persisted version (every process can decrypt it); retry later.
        retryRotationNanos = System.nanoTime() + ROTATION_CHECK.toNanos();
        System.getLogger(FileKeystoreBackend.class.getName()).log(System.Logger.Level.WARNING,
            "mrk serve: could not apply due rotations to " + file + ": " + e.getMessage());
      }
    }
    return s.registry();
  }

  @Override
  public <T> T update(MrkKeystore.Change<T> change) throws IOException, KmsException {
    return session().update(change);
  }

  /** Writes nothing but what is due: a session write applies every automatic rotation due by now. */
  void applyDueRotations() throws IOException {
    KeystoreSession s = session();
    synchronized (writeLock) {
      if (s.dueRotations() == 0) {
        return;
      }
      try {
        s.update(registry -> null);
      } catch (KmsException e) {
        throw new IOException("applying the due automatic rotations failed: " + e.describe(), e);
      }
    }
  }

  private void rotateWhenDue() {
    try {
      applyDueRotations();
    } catch (IOException | RuntimeException e) {
      System.getLogger(FileKeystoreBackend.class.getName()).log(System.Logger.Level.WARNING,
          "mrk serve: could not apply due rotations to " + file + ": " + e.getMessage());
    }
  }

  @Override
  public void flushAudit() throws IOException {
    KeystoreSession s = session;
    if (s != null) {
      MrkKeystore.flushAudit(s.registry());
    }
  }

  @Override
  public synchronized void close() {
    if (rotations != null) {
      rotations.shutdownNow();
    }
    Arrays.fill(password, '\0');
    KeystoreSession s = session;
    if (s != null) {
      s.close();
    }
  }

  private KeystoreSession session() throws IOException {
    KeystoreSession s = session;
    if (s == null) {
      throw new IOException("the keystore backend is not open (call open())");
    }
    return s;
  }

  @Override
  public String toString() {
    return "FileKeystoreBackend[" + file + "]";
  }
}
