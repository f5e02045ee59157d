package io.mrk.internal.registry;

import io.mrk.internal.audit.ChainKeys;
import io.mrk.internal.audit.RecordedGeneration;
import io.mrk.internal.audit.WriterLineage;
import io.mrk.internal.store.KeystoreCredentials;
import io.mrk.internal.store.KeystoreFile;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A keystore file as a persisted state machine: a read-only view that follows the file, and writes
 * that are compare-and-swap steps under the file lock.
 *
 * <p><b>Reads.</b> {@link #view()} is a read-only registry that never mints. On use it checks the
 * file at most once per refresh interval (a 40-byte read of its size and checksum), and at once when
 * a ciphertext names a material version it lacks; when the file holds a newer generation of the same
 * keystore it decodes it (without the KDF, when the salt is the one these credentials hold) and swaps
 * the view's state atomically, so handles see rotations, disables and new replicas without a restart.
 *
 * <p><b>Writes.</b> {@link #update} reads the current file under its lock, applies the due
 * automatic rotations and the change to a writable copy, writes generation + 1 and makes that the
 * view's state. Secrets exist only in such a write.
 *
 * <p><b>Rollback.</b> A file whose generation is below the highest this process has seen for the same
 * keystore id (or that holds another keystore) is an older copy put back: reads keep the newer state
 * and {@link #problem()} reports it; writes are refused. "Seen by this process" is the one
 * deliberate process-wide record ({@link #WATERMARKS}): it only grows, is keyed by the random
 * keystore id rather than a path, and holds no secret.
 */
public final class PersistedRegistry implements AutoCloseable {

  /** A change to the writable copy of the registry inside a write. */
  @FunctionalInterface
  public interface Change<T> {
    T apply(KeyRegistry registry) throws KmsException;
  }

  /**
   * How the registry reads and writes its file.
   *
   * @param region when set, the view holds only this Region's keys (a Region-filtered KeyStore)
   * @param auditWarnings where audit problems of writes are reported (a write never fails because of them)
   * @param replicationDelay how long a new replica stays {@code Creating} and an UpdatePrimaryRegion
   *     {@code Updating} in the writes of this registry (KMS's asynchronous synchronisation; zero by default)
   */
  public record Settings(Clock clock, SecureRandom random, Duration refreshInterval, Duration lockTimeout,
                         Region region, Consumer<String> auditWarnings, Duration replicationDelay) {
    public Settings {
      Objects.requireNonNull(replicationDelay, "replicationDelay");
      if (replicationDelay.isNegative()) {
        throw new IllegalArgumentException("the replication delay must not be negative");
      }
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(random, "random");
      Objects.requireNonNull(refreshInterval, "refreshInterval");
      Objects.requireNonNull(lockTimeout, "lockTimeout");
      Objects.requireNonNull(auditWarnings, "auditWarnings");
      if (refreshInterval.isNegative() || lockTimeout.isNegative()) {
        throw new IllegalArgumentException("intervals must not be negative");
      }
    }

    /** The same, reporting audit problems of writes to this class's {@code System.Logger}. */
    public Settings(Clock clock, SecureRandom random, Duration refreshInterval, Duration lockTimeout, Region region) {
      this(clock, random, refreshInterval, lockTimeout, region,
          warning -> LOG.log(System.Logger.Level.WARNING, warning), Duration.ZERO);
    }
  }

  private static final System.Logger LOG = System.getLogger(PersistedRegistry.class.getName());

  /** The highest generation this process has seen per keystore id. */
  private static final ConcurrentHashMap<String, Long> WATERMARKS = new ConcurrentHashMap<>();

  private final Path file;
  private final KeystoreCredentials credentials;
  private final Settings settings;
  private final LocalKeyRegistry view;
  private final ReentrantLock refreshing = new ReentrantLock();
  private volatile long nextCheckNanos;
  private volatile byte[] fingerprint;
  private volatile String problem;
  /** The highest generation the audit trail recorded above the file read, or 0 (for messages). */
  private volatile long auditRecorded;
  /** The keystore id whose audit trail the view reports to; null before one is attached. */
  private String trailKeystore;
  private volatile boolean closed;
  /** Whether the write in progress found no file (set under the file lock). */
  private boolean fileWasAbsent;

  private PersistedRegistry(Path file, KeystoreCredentials credentials, Settings settings) {
    this.file = file;
    this.credentials = credentials;
    this.settings = settings;
    this.view = new RegistryBuilder().clock(settings.clock()).random(settings.random())
        .replicationDelay(settings.replicationDelay())
        .buildWith(Snapshot.EMPTY, io.mrk.kms.AccountId.DEFAULT, null, LocalKeyRegistry.Mode.READ_ONLY, Lineage.NEW);
  }

  /**
   * Opens {@code file} (one KDF derivation); a file that does not exist yet reads as an empty
   * registry until a write creates it. The credentials belong to the result from now on.
   */
  public static PersistedRegistry open(Path file, KeystoreCredentials credentials, Settings settings)
      throws IOException {
    PersistedRegistry r = new PersistedRegistry(Objects.requireNonNull(file, "file"),
        Objects.requireNonNull(credentials, "credentials"), Objects.requireNonNull(settings, "settings"));
    try {
      r.refresh();
    } catch (IOException | RuntimeException e) {
      credentials.close();
      throw e;
    }
    r.view.follow(r.new Follower());
    return r;
  }

  /**
   * One write to {@code file} without keeping a view: what {@code MrkKeystore.update} does. The
   * credentials are closed afterwards.
   */
  public static <T> T updateOnce(Path file, KeystoreCredentials credentials, Settings settings, Change<T> change)
      throws IOException, KmsException {
    try (PersistedRegistry r = new PersistedRegistry(Objects.requireNonNull(file, "file"),
        Objects.requireNonNull(credentials, "credentials"), Objects.requireNonNull(settings, "settings"))) {
      return r.update(change);
    }
  }

  /**
   * Stores {@code state} into {@code target} as a compare-and-swap under the target's lock: when
   * there is no file yet, writes {@code state} as a new keystore (a fresh id, generation 1); when the
   * target holds the same keystore at {@code state}'s generation or later, applies {@code replay}
   * (the caller's own changes) to the target's current state and writes the next generation;
   * anything else (another keystore, an older generation) is refused and nothing is written.
   */
  public static void storeTo(Path target, KeystoreCredentials credentials, Settings settings, KeyRegistry state,
                             Change<Void> replay) throws IOException, KmsException {
    LocalKeyRegistry source = (LocalKeyRegistry) Objects.requireNonNull(state, "state");
    Lineage loaded = source.lineage();
    try (PersistedRegistry r = new PersistedRegistry(Objects.requireNonNull(target, "target"),
        Objects.requireNonNull(credentials, "credentials"), Objects.requireNonNull(settings, "settings"))) {
      r.update(current -> {
        Lineage found = RegistryAccess.lineage(current);
        if (found.generation() == 0 && found.keystoreId().isEmpty() && current.regions().isEmpty()
            && r.fileWasAbsent) {
          LocalKeyRegistry copy = source.copy(LocalKeyRegistry.Mode.WRITABLE);
          ((LocalKeyRegistry) current).replace(copy.snapshotForCopy(), copy.auditSecret(), Lineage.NEW, copy.account());
          ((LocalKeyRegistry) current).applyDue();
          return null;
        }
        if (!found.sameKeystore(loaded)) {
          throw new KmsException(io.mrk.kms.KmsError.CONFLICT, target + " holds another keystore than the one"
              + " this KeyStore loaded; refusing to replace it (store to a new file, or load that keystore)");
        }
        if (found.generation() < loaded.generation()) {
          throw new KmsException(io.mrk.kms.KmsError.CONFLICT, target + " is at generation "
              + found.generation() + ", older than generation " + loaded.generation() + " this KeyStore loaded");
        }
        return replay.apply(current);
      });
    }
  }

  public Path file() {
    return file;
  }

  /** The read-only view; it follows the file and refuses writes. */
  public KeyRegistry view() {
    return view;
  }

  /** The keystore id and generation of the view's state. */
  public Lineage lineage() {
    return view.lineage();
  }

  /** Why the view does not show the file's current content (a rollback, an unreadable file), if so. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  /** How many automatic rotations are due but not yet persisted by a writer. */
  public int dueRotations() {
    return view.dueRotations();
  }

  /** How many Argon2id derivations this registry has run (1 after opening, unless the salt changed). */
  public int derivations() {
    return credentials.derivations();
  }

  /**
   * Checks the file now and swaps to its state when it holds a newer generation.
   *
   * @return true when the view changed
   * @throws IOException when the file cannot be read or opened; the view keeps its state
   */
  public boolean refresh() throws IOException {
    refreshing.lock();
    try {
      return refreshLocked();
    } finally {
      refreshing.unlock();
    }
  }

  private boolean refreshLocked() throws IOException {
    requireOpen();
    byte[] seen = KeystoreFile.fingerprint(file);
    if (seen == null && view.lineage().generation() > 0) {
      problem = file + " no longer exists; showing generation " + view.lineage().generation() + " seen before";
      return false;
    }
    if (seen == null || Arrays.equals(seen, fingerprint)) {
      return false;
    }
    byte[] sealed;
    try {
      sealed = KeystoreFile.read(file);
    } catch (NoSuchFileException gone) {
      return false;
    }
    byte[] payload = credentials.open(sealed);
    LocalKeyRegistry next;
    try {
      next = decode(payload, LocalKeyRegistry.Mode.READ_ONLY);
    } finally {
      Arrays.fill(payload, (byte) 0);
    }
    fingerprint = KeystoreFile.fingerprintOf(sealed);
    noteRecordedGeneration(next, () -> Arrays.equals(KeystoreFile.fingerprint(file), fingerprint));
    String refusal = rollbackProblem(next.lineage());
    if (refusal != null) {
      problem = "Not following " + file + ": " + refusal;
      if (view.lineage().generation() > 0) {
        return false;
      }
      // The first load shows the old file (reads work, the problem is reported) but writes stay refused.
      adopt(next);
      return true;
    }
    problem = null;
    adopt(next);
    return true;
  }

  /** Makes {@code next} (a full-keystore state) the view's state, scoped to the Region filter if any. */
  private void adopt(LocalKeyRegistry next) {
    LocalKeyRegistry shown = next;
    if (settings.region() != null) {
      shown = (LocalKeyRegistry) RegistryCodec.regionScoped(next, settings.region(),
          new RegistryBuilder().clock(settings.clock()).random(settings.random())
        .replicationDelay(settings.replicationDelay()));
    }
    view.replace(shown.snapshotForCopy(), next.auditSecret(), next.lineage(), next.account());
    record(next.lineage());
    // The view's audit trail is keyed by the keystore's stored secret: attach one when the view first
    // shows a stored keystore, and a new one if the file now holds another keystore.
    if (!next.lineage().keystoreId().equals(trailKeystore)
        && KeystoreAudit.attach(view, file, settings.clock(), this::highestKnown)) {
      trailKeystore = next.lineage().keystoreId();
    }
  }

  /**
   * Applies the due automatic rotations and {@code change} to the current file under its lock, and
   * writes generation + 1. When {@code change} throws, nothing is written.
   *
   * @throws IOException when the file is older than a generation this process has seen (rollback),
   *     holds another keystore, cannot be opened, or the lock stays busy for the lock timeout
   */
  public <T> T update(Change<T> change) throws IOException, KmsException {
    requireOpen();
    List<T> result = new ArrayList<>(1);
    LocalKeyRegistry[] written = new LocalKeyRegistry[1];
    // The audit outbox (spec/policy-and-audit.md): begun under the lock, sealed with the payload,
    // appended only after the commit; a failed write logs only what happened anyway.
    List<AuditedWrite> audit = new ArrayList<>(1);
    byte[] fp;
    try {
      fp = KeystoreFile.<KmsException>update(file, credentials, settings.lockTimeout(), settings.random(), current -> {
        LocalKeyRegistry working = workingCopy(current);
        audit.add(AuditedWrite.begin(working, file, settings.clock()));
        working.applyDue();
        result.add(change.apply(working));
        Lineage next = working.lineage().next(settings.random());
        working.lineage(next);
        written[0] = working;
        return new KeystoreFile.Sealable(audit.get(0).encode(next), next.generation());
      });
    } catch (UncheckedIOException e) {
      audit.forEach(a -> a.aborted().forEach(settings.auditWarnings()));
      throw e.getCause();
    } catch (IOException | KmsException | RuntimeException | Error e) {
      audit.forEach(a -> a.aborted().forEach(settings.auditWarnings()));
      throw e;
    }
    audit.get(0).committed().forEach(settings.auditWarnings());
    // The written state's secret is now stored with the sealed section: a view that shows it (and a
    // keystore this write created) gets an audit trail for its readers' events.
    LocalKeyRegistry committed = written[0];
    committed.replace(committed.snapshotForCopy(), committed.auditSecret().committedAs(audit.get(0).sealed()),
        committed.lineage(), committed.account());
    refreshing.lock();
    try {
      fingerprint = fp;
      problem = null;
      adopt(written[0]);
    } finally {
      refreshing.unlock();
    }
    return result.get(0);
  }

  /** The writable copy of the file's current state; refuses a rollback before anything is applied. */
  private LocalKeyRegistry workingCopy(byte[] current) {
    fileWasAbsent = current == null;
    if (current == null) {
      if (view.lineage().generation() > 0) {
        throw new UncheckedIOException(new IOException(file + " was deleted after this process saw its"
            + " generation " + view.lineage().generation() + "; refusing to start a new keystore in its place"));
      }
      return new RegistryBuilder().clock(settings.clock()).random(settings.random())
        .replicationDelay(settings.replicationDelay())
          .buildWith(Snapshot.EMPTY, io.mrk.kms.AccountId.DEFAULT, null, LocalKeyRegistry.Mode.WRITABLE, Lineage.NEW);
    }
    try {
      LocalKeyRegistry working = decode(current, LocalKeyRegistry.Mode.WRITABLE);
      // Under the file lock no write can commit meanwhile: the file is still the one decoded.
      noteRecordedGeneration(working, () -> true);
      String refusal = rollbackProblem(working.lineage());
      if (refusal != null) {
        throw new IOException("Refusing to write " + file + ": " + refusal);
      }
      return working;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      Arrays.fill(current, (byte) 0);
    }
  }

  /** Why {@code found} may not be followed or written over, or null when it may. */
  private String rollbackProblem(Lineage found) {
    Lineage known = view.lineage();
    if (!known.keystoreId().isEmpty() && !known.sameKeystore(found)) {
      return "the file now holds another keystore (id " + (found.keystoreId().isEmpty() ? "none" : found.keystoreId())
          + ", this process had " + known.keystoreId() + ")";
    }
    long highest = Math.max(known.generation(), WATERMARKS.getOrDefault(found.keystoreId(), 0L));
    if (!found.keystoreId().isEmpty() && found.generation() < highest) {
      String source = highest == auditRecorded ? "its audit trail records" : "this process has seen";
      return "the file is generation " + found.generation() + " of keystore " + found.keystoreId()
          + ", older than generation " + highest + " " + source + ": an older copy was restored (rollback)";
    }
    return null;
  }

  /**
   * Notes the highest generation of {@code found}'s keystore that its audit trail records, when it
   * is above {@code found}'s: the logs prove the file reached it, so {@code found} is an older copy
   * put back, even for a process that never saw the newer file. Records are appended only after
   * the generation they name was committed, and this is called after the file was read, so a
   * concurrent write can make the logs newer than the file read only if the file changed since:
   * {@code unchanged} (checked after the logs were read) must confirm it did not.
   */
  private void noteRecordedGeneration(LocalKeyRegistry found, IoCheck unchanged) throws IOException {
    Lineage lineage = found.lineage();
    AuditSecret secret = found.auditSecret();
    if (lineage.keystoreId().isEmpty() || !secret.stored()) {
      return;
    }
    long recorded;
    try (ChainKeys keys = secret.chainKeys()) {
      recorded = RecordedGeneration.highest(file, keys, lineage.keystoreId());
    }
    if (recorded > lineage.generation() && unchanged.holds()) {
      record(new Lineage(lineage.keystoreId(), recorded));
      auditRecorded = recorded;
    }
  }

  /** A check that may read a file. */
  @FunctionalInterface
  private interface IoCheck {
    boolean holds() throws IOException;
  }

  /** The lineage the view's direct audit events name: the highest generation this process saw. */
  private WriterLineage highestKnown() {
    Lineage shown = view.lineage();
    if (shown.keystoreId().isEmpty()) {
      return null;
    }
    long highest = Math.max(shown.generation(), WATERMARKS.getOrDefault(shown.keystoreId(), 0L));
    return highest < 1 ? null : new WriterLineage(shown.keystoreId(), highest);
  }

  /**
   * Records that {@code lineage}'s generation is known to exist, for instance because the audit
   * trail anchored it: from then on any file of that keystore at a lower generation is a rollback for
   * every registry of this process.
   */
  public static void noteGeneration(Lineage lineage) {
    record(Objects.requireNonNull(lineage, "lineage"));
  }

  private static void record(Lineage lineage) {
    if (!lineage.keystoreId().isEmpty()) {
      WATERMARKS.merge(lineage.keystoreId(), lineage.generation(), Math::max);
    }
  }

  private LocalKeyRegistry decode(byte[] payload, LocalKeyRegistry.Mode mode) throws InvalidRegistryException {
    return RegistryCodec.decode(payload, new RegistryBuilder().clock(settings.clock()).random(settings.random())
        .replicationDelay(settings.replicationDelay()), mode);
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("this keystore session is closed");
    }
  }

  /**
   * Stops following the file, waits (bounded) until the view's audit events are written, reporting
   * what could not be, wipes the cached keys and drops the cipher's derived data keys of this
   * session ({@link LocalKeyRegistry#caches()}); the view keeps its last state.
   */
  @Override
  public void close() {
    closed = true;
    view.follow(null);
    try {
      KeystoreAudit.flush(view).forEach(settings.auditWarnings());
    } catch (IOException e) {
      settings.auditWarnings().accept("audit events of " + file + " may not have been written: " + e.getMessage());
    } finally {
      credentials.close();
      view.caches().close();
    }
  }

  /** Polls the file from the view's reads, at most once per interval, one thread at a time. */
  private final class Follower implements LocalKeyRegistry.Follower {
    @Override
    public void onRead() {
      long now = System.nanoTime();
      if (now - nextCheckNanos < 0 || closed || !refreshing.tryLock()) {
        return;
      }
      try {
        nextCheckNanos = now + settings.refreshInterval().toNanos();
        refreshLocked();
      } catch (IOException | RuntimeException e) {
        problem = "Could not check " + file + " for a newer generation: " + e.getMessage();
      } finally {
        refreshing.unlock();
      }
    }

    @Override
    public void onMissingVersion() {
      if (closed) {
        return;
      }
      refreshing.lock();
      try {
        refreshLocked();
      } catch (IOException | RuntimeException e) {
        problem = "Could not check " + file + " for a newer generation: " + e.getMessage();
      } finally {
        refreshing.unlock();
      }
    }
  }
}
