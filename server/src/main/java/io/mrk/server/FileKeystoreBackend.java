package io.mrk.server;

import io.mrk.MrkKeystore;
import io.mrk.internal.audit.AuditEvent;
import io.mrk.internal.registry.KeystoreAudit;
import io.mrk.internal.registry.RegistryAccess;
import io.mrk.internal.registry.RegistryCodec;
import io.mrk.internal.store.KdfParameters;
import io.mrk.internal.store.KeystoreFile;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link KeystoreBackend} over a sealed keystore file with today's API: reads load the file
 * (as {@link MrkKeystore#load} does: unseal, decode, attach the audit trail) and keep the registry
 * until the file changes or a rotation falls due; writes go through {@link MrkKeystore#update}
 * under the file lock.
 *
 * <p>Cost: a read costs one {@code stat} of the file; the registry is decoded again (one password
 * KDF) only when the file's identity, size or modification time differ from the loaded one. Every
 * keystore write replaces the file by an atomic rename, which gives it a new identity, so a change
 * by any process is seen by the next request. Each write costs one KDF in {@code update} and one
 * more at the next read, until keystore sessions let a writer keep the derived key.
 *
 * <p>With a {@linkplain #withReplicationDelay replication delay}, new replicas stay {@code Creating}
 * and both keys of an UpdatePrimaryRegion {@code Updating} for that long, as in KMS. {@code
 * MrkKeystore} has no such setting yet, so those writes take the same locked, atomic path as
 * {@link MrkKeystore#update} (decode, change, record the audit events, encode) with a registry
 * built with the delay.
 *
 * <p>The password is kept (copied) for the backend's lifetime and wiped by {@link #close}.
 */
public final class FileKeystoreBackend implements KeystoreBackend {

  /** The file's state a registry was loaded from: atomic renames change {@code fileKey}. */
  private record Stamp(Object fileKey, long size, FileTime modified) {}

  /** A loaded registry, valid while the file keeps {@code stamp} and until {@code nextRotation}. */
  private record Loaded(Stamp stamp, KeyRegistry registry, Instant nextRotation) {}

  /** How often a read may find a rotation due and persist it before giving up (each round writes). */
  private static final int MAX_ROTATION_ROUNDS = 3;

  private final MrkKeystore keystores;
  private final Path file;
  private final char[] password;
  private final Object loadLock = new Object();
  private final Duration replicationDelay;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private volatile Loaded loaded;
  private volatile boolean closed;

  public FileKeystoreBackend(MrkKeystore keystores, Path file, char[] password) {
    this(keystores, file, password, Duration.ZERO, Clock.systemUTC());
  }

  private FileKeystoreBackend(MrkKeystore keystores, Path file, char[] password, Duration replicationDelay,
                              Clock clock) {
    this.keystores = Objects.requireNonNull(keystores, "keystores");
    this.file = Objects.requireNonNull(file, "file");
    this.password = Objects.requireNonNull(password, "password").clone();
    this.replicationDelay = replicationDelay;
    this.clock = clock;
  }

  /** The same file with another clock for rotation schedules, deletion windows and transient states. */
  public FileKeystoreBackend withClock(Clock clock) {
    return new FileKeystoreBackend(keystores.withClock(clock), file, password, replicationDelay,
        Objects.requireNonNull(clock, "clock"));
  }

  /**
   * The same file with a replication delay for the writes of this backend (the states it creates
   * are stored in the keystore, so every reader sees them end on time).
   *
   * @throws IllegalArgumentException if negative
   */
  public FileKeystoreBackend withReplicationDelay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("the replication delay must not be negative");
    }
    return new FileKeystoreBackend(keystores, file, password, delay, clock);
  }

  /** The keystore file. */
  public Path file() {
    return file;
  }

  /**
   * Loads the file once now, so a wrong password or a damaged file stops the server at start rather
   * than at the first request.
   */
  public FileKeystoreBackend open() throws IOException {
    current();
    return this;
  }

  /**
   * The registry now. A registry read from the file applies time-driven events lazily, in memory,
   * and would mint the material of an automatic rotation that fell due without persisting it:
   * ciphertexts made with it would not decrypt after a reload. So before a registry is served,
   * any rotation due by now is first persisted by a write (the writer applies due events), and a
   * loaded registry is served only until the next rotation falls due.
   */
  @Override
  public KeyRegistry current() throws IOException {
    requireOpen();
    Loaded l = loaded;
    if (l != null && fresh(l, stamp())) {
      return l.registry();
    }
    synchronized (loadLock) {
      for (int round = 0; round < MAX_ROTATION_ROUNDS; round++) {
        l = loaded;
        // The stamp is read before the file: if the file changes meanwhile, the next read sees a
        // newer stamp and loads again; a registry is never kept under a stamp newer than its content.
        Stamp now = stamp();
        if (l != null && fresh(l, now)) {
          return l.registry();
        }
        if (now == null) {
          KeyRegistry empty = KeyRegistry.builder().clock(clock).random(random).build();
          loaded = new Loaded(null, empty, null);
          return empty;
        }
        Loaded next = load(now);
        if (next != null) {
          loaded = next;
          return next.registry();
        }
        persistDueEvents();
      }
    }
    throw new IOException(file + ": rotations kept falling due while the keystore was read");
  }

  /** A write that changes nothing but applies, and so persists, every time-driven event due by now. */
  private void persistDueEvents() throws IOException {
    try {
      keystores.update(file, password, registry -> null);
    } catch (KmsException e) {
      throw new IOException("applying due rotations failed: " + e.describe(), e);
    }
  }

  private boolean fresh(Loaded l, Stamp now) {
    return Objects.equals(l.stamp(), now) && (l.nextRotation() == null || clock.instant().isBefore(l.nextRotation()));
  }

  /** The file's registry with its audit attached, or {@code null} when a rotation is due and must be persisted first. */
  private Loaded load(Stamp stamp) throws IOException {
    byte[] payload = KeystoreFile.load(file, password);
    try {
      // A registry whose clock stands at the epoch applies no event: it shows the schedule as stored.
      KeyRegistry stored = RegistryCodec.decode(payload, KeyRegistry.builder()
          .clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).random(random));
      Instant nextRotation = RotationSchedule.next(stored);
      if (nextRotation != null && !clock.instant().isBefore(nextRotation)) {
        return null;
      }
      KeyRegistry registry = RegistryCodec.decode(payload, KeyRegistry.builder().clock(clock).random(random)
          .replicationDelay(replicationDelay));
      KeystoreAudit.attach(registry, file, clock);
      return new Loaded(stamp, registry, nextRotation);
    } finally {
      Arrays.fill(payload, (byte) 0);
    }
  }

  @Override
  public <T> T update(MrkKeystore.Change<T> change) throws IOException, KmsException {
    requireOpen();
    try {
      if (replicationDelay.isZero() || !Files.exists(file)) {
        return keystores.update(file, password, change);
      }
      return updateWithDelay(change);
    } finally {
      loaded = null;
    }
  }

  /** {@link MrkKeystore#update}'s steps, with a registry that has the replication delay. */
  private <T> T updateWithDelay(MrkKeystore.Change<T> change) throws IOException, KmsException {
    List<T> result = new ArrayList<>(1);
    KeyRegistry.Builder settings = KeyRegistry.builder().clock(clock).random(random)
        .replicationDelay(replicationDelay);
    try {
      KeystoreFile.<KmsException>update(file, password, KdfParameters.DEFAULT, random, current -> {
        KeyRegistry registry;
        try {
          registry = current == null ? settings.build() : RegistryCodec.decode(current, settings);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } finally {
          if (current != null) {
            Arrays.fill(current, (byte) 0);
          }
        }
        List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());
        RegistryAccess.audit(registry, events::add);
        boolean changed = false;
        try {
          result.add(change.apply(registry));
          changed = true;
        } finally {
          try {
            KeystoreAudit.record(registry, file, clock, events, changed);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        return RegistryCodec.encode(registry);
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return result.get(0);
  }

  @Override
  public void flushAudit() throws IOException {
    if (Files.exists(file)) {
      MrkKeystore.flushAudit(file);
    }
  }

  @Override
  public void close() {
    closed = true;
    loaded = null;
    Arrays.fill(password, '\0');
  }

  private void requireOpen() throws IOException {
    if (closed) {
      throw new IOException("the keystore backend is closed");
    }
  }

  /** The file's stamp, or {@code null} when there is no file yet (an empty registry). */
  private Stamp stamp() throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new Stamp(a.fileKey(), a.size(), a.lastModifiedTime());
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "FileKeystoreBackend[" + file + "]";
  }
}
