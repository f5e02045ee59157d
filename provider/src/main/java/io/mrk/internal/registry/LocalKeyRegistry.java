package io.mrk.internal.registry;

import io.mrk.internal.key.SessionCaches;
import io.mrk.kms.AccountId;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Principal;
import io.mrk.kms.Region;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.SortedSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory {@link KeyRegistry}: one immutable {@link Snapshot} in a volatile field.
 *
 * <p>Readers take the field without locking. A mutation runs under {@link #lock}: it first applies
 * what time has done ({@link Lifecycle}), then computes a new snapshot from that one and swaps it
 * in. A refused operation throws before the swap, so it changes nothing; each operation is atomic.
 *
 * <p>Who may mint secrets depends on where the state lives ({@link Mode}). A registry that is its own
 * store ({@link Mode#IN_MEMORY}) applies due rotations whenever it is read, since its memory is the
 * committed state. A registry decoded from a keystore file never mints on a read: only a write that
 * will be committed to the file ({@link Mode#WRITABLE}, inside {@code MrkKeystore.update}) applies
 * due rotations, and a {@link Mode#READ_ONLY} view refuses every write. A {@link Follower} lets a
 * read-only view swap to a newer state of its file.
 */
final class LocalKeyRegistry implements KeyRegistry {

  /** Where the state lives, which decides who may mint key material. */
  enum Mode {
    /** The registry is its own store: reads apply due rotations. */
    IN_MEMORY,
    /** A copy of a persisted state inside a write that will be committed: writes mint, reads do not. */
    WRITABLE,
    /** A view of a persisted state: reads never mint, writes are refused. */
    READ_ONLY
  }

  /** Keeps a read-only view up to date with its file. */
  interface Follower {
    /** Called on every read; checks the file when the polling interval has passed. */
    void onRead();

    /** Called when a ciphertext names a material version the view lacks: checks the file at once. */
    void onMissingVersion();
  }

  private volatile AccountId account;
  private final Clock clock;
  private final MaterialFactory materials;
  private final Duration replicationDelay;
  private final ReentrantLock lock = new ReentrantLock();
  private final Mode mode;
  private volatile AuditSecret auditSecret;
  private volatile Snapshot snapshot;
  private volatile Lineage lineage;
  private volatile AuditSink audit = AuditSink.NONE;
  private volatile Follower follower;
  /** The cipher's derived secrets for this registry's material; closed with its keystore session. */
  private final SessionCaches caches = new SessionCaches();

  LocalKeyRegistry(AccountId account, Clock clock, SecureRandom random, Duration replicationDelay,
                   Snapshot snapshot, AuditSecret auditSecret, Mode mode, Lineage lineage) {
    this.account = account;
    this.clock = clock;
    this.materials = new MaterialFactory(random);
    this.replicationDelay = replicationDelay;
    this.snapshot = snapshot;
    this.auditSecret = auditSecret == null ? AuditSecret.generate(random) : auditSecret;
    this.mode = Objects.requireNonNull(mode, "mode");
    this.lineage = Objects.requireNonNull(lineage, "lineage");
  }

  /** The same state, account, clock, random source and lineage in another mode, without audit or follower. */
  LocalKeyRegistry copy(Mode copyMode) {
    lock.lock();
    try {
      return new LocalKeyRegistry(account, clock, materials.random(), replicationDelay, snapshot, auditSecret,
          copyMode, lineage);
    } finally {
      lock.unlock();
    }
  }

  Mode mode() {
    return mode;
  }

  SessionCaches caches() {
    return caches;
  }

  Lineage lineage() {
    return lineage;
  }

  void lineage(Lineage next) {
    this.lineage = Objects.requireNonNull(next, "lineage");
  }

  void follow(Follower f) {
    this.follower = f;
  }

  /**
   * Swaps in a newer persisted state read from the file (by the follower), atomically for every
   * reader: a handle sees either the old state or the new one.
   */
  void replace(Snapshot next, AuditSecret secret, Lineage nextLineage, AccountId owner) {
    lock.lock();
    try {
      this.account = owner;
      this.auditSecret = secret;
      this.lineage = nextLineage;
      this.snapshot = next;
    } finally {
      lock.unlock();
    }
  }

  /** The stored snapshot as it is, without applying time or asking the follower: for a copy. */
  Snapshot snapshotForCopy() {
    return snapshot;
  }

  /** Asks the follower, if any, to check the file now (a ciphertext named a version this state lacks). */
  void missingVersion() {
    Follower f = follower;
    if (f != null) {
      f.onMissingVersion();
    }
  }

  @Override
  public AccountId account() {
    return account;
  }

  /** A client of the keystore holder: audited as the account root, never refused by a key policy. */
  @Override
  public KmsClient client(Region region) {
    return new RegionClient(this, Objects.requireNonNull(region, "region"), null);
  }

  @Override
  public KmsClient client(Region region, Principal principal) {
    Objects.requireNonNull(principal, "principal");
    return new RegionClient(this, Objects.requireNonNull(region, "region"), principal.arn(),
        principal.accessKeyId());
  }

  AuditSecret auditSecret() {
    return auditSecret;
  }

  AuditSink audit() {
    return audit;
  }

  void audit(AuditSink sink) {
    this.audit = Objects.requireNonNull(sink, "sink");
  }

  @Override
  public SortedSet<Region> regions() {
    return current().regions();
  }

  @Override
  public String toString() {
    return "KeyRegistry[account=" + account + ", regions=" + regions() + "]";
  }

  Instant now() {
    return clock.instant();
  }

  Duration replicationDelay() {
    return replicationDelay;
  }

  MaterialFactory materials() {
    return materials;
  }

  /**
   * The state now: the current snapshot with the time-driven events due by now applied that this
   * registry may apply on a read (all of them in memory; for a persisted state only those that mint
   * nothing, so every reader of the same bytes at the same instant sees the same state).
   */
  Snapshot current() {
    Follower f = follower;
    if (f != null) {
      f.onRead();
    }
    Snapshot s = snapshot;
    Instant next = mode == Mode.IN_MEMORY ? s.nextEvent() : s.nextSettlingEvent();
    if (next == null || clock.instant().isBefore(next)) {
      return s;
    }
    lock.lock();
    try {
      Instant now = clock.instant();
      Snapshot advanced = mode == Mode.IN_MEMORY ? Lifecycle.advance(snapshot, now, materials)
          : Lifecycle.settle(snapshot, now);
      snapshot = advanced;
      return advanced;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Applies every time-driven event due by now, automatic rotations included: for a writer whose
   * result is about to be committed.
   *
   * @throws IllegalStateException for a read-only view
   */
  void applyDue() {
    requireWritable();
    lock.lock();
    try {
      advanceLocked(clock.instant());
    } finally {
      lock.unlock();
    }
  }

  /** How many automatic rotations are due by now but not applied (a reader's view waits for a writer). */
  int dueRotations() {
    Snapshot s = current();
    Instant now = clock.instant();
    Instant next = s.nextEvent();
    if (next == null || now.isBefore(next)) {
      // The snapshot's earliest time-driven event (rotations included) is still ahead: nothing is due.
      return 0;
    }
    int due = 0;
    for (LogicalKey k : s.keys().values()) {
      if (s.rotatesAutomatically(k) && !k.nextRotationDate().isAfter(now)) {
        due++;
      }
    }
    return due;
  }

  /** A change computed from the current state at {@code now}. */
  interface Change<T> {
    Outcome<T> apply(Snapshot current, Instant now) throws KmsException;
  }

  /** The new state and what the operation returns. */
  record Outcome<T>(Snapshot next, T value) {}

  <T> T mutate(Change<T> change) throws KmsException {
    if (mode == Mode.READ_ONLY) {
      throw new KmsException(KmsError.UNSUPPORTED_OPERATION, "This registry is a read-only view of a keystore"
          + " file; a change made here would never be saved. Change the keystore with MrkKeystore.update or"
          + " KeystoreSession.update, which write under the file lock.");
    }
    lock.lock();
    try {
      Instant now = clock.instant();
      // The rotations due are part of this write: kept only if the change succeeds.
      Outcome<T> outcome = change.apply(Lifecycle.advance(snapshot, now, materials), now);
      snapshot = outcome.next();
      return outcome.value();
    } finally {
      lock.unlock();
    }
  }

  private void requireWritable() {
    if (mode == Mode.READ_ONLY) {
      throw new IllegalStateException("This registry is a read-only view of a keystore file");
    }
  }

  private Snapshot advanceLocked(Instant now) {
    Snapshot advanced = Lifecycle.advance(snapshot, now, materials);
    snapshot = advanced;
    return advanced;
  }
}
