package io.mrk.internal.registry;

import io.mrk.kms.AccountId;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsException;
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
 */
final class LocalKeyRegistry implements KeyRegistry {

  private final AccountId account;
  private final Clock clock;
  private final MaterialFactory materials;
  private final Duration replicationDelay;
  private final ReentrantLock lock = new ReentrantLock();
  private final AuditSecret auditSecret;
  private volatile Snapshot snapshot;
  private volatile AuditSink audit = AuditSink.NONE;

  LocalKeyRegistry(AccountId account, Clock clock, SecureRandom random, Duration replicationDelay,
                   Snapshot snapshot, AuditSecret auditSecret) {
    this.account = account;
    this.clock = clock;
    this.materials = new MaterialFactory(random);
    this.replicationDelay = replicationDelay;
    this.snapshot = snapshot;
    this.auditSecret = auditSecret == null ? AuditSecret.generate(random) : auditSecret;
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

  /** The state now: the current snapshot with every time-driven event due by now applied. */
  Snapshot current() {
    Snapshot s = snapshot;
    Instant next = s.nextEvent();
    if (next == null || clock.instant().isBefore(next)) {
      return s;
    }
    lock.lock();
    try {
      return advanceLocked(clock.instant());
    } finally {
      lock.unlock();
    }
  }

  /** A change computed from the current state at {@code now}. */
  interface Change<T> {
    Outcome<T> apply(Snapshot current, Instant now) throws KmsException;
  }

  /** The new state and what the operation returns. */
  record Outcome<T>(Snapshot next, T value) {}

  <T> T mutate(Change<T> change) throws KmsException {
    lock.lock();
    try {
      Instant now = clock.instant();
      Outcome<T> outcome = change.apply(advanceLocked(now), now);
      snapshot = outcome.next();
      return outcome.value();
    } finally {
      lock.unlock();
    }
  }

  private Snapshot advanceLocked(Instant now) {
    Snapshot advanced = Lifecycle.advance(snapshot, now, materials);
    snapshot = advanced;
    return advanced;
  }
}
