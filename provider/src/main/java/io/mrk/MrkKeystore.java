package io.mrk;

import io.mrk.internal.registry.KeystoreAudit;
import io.mrk.internal.registry.PersistedRegistry;
import io.mrk.internal.registry.RegistryAccess;
import io.mrk.internal.registry.RegistryCodec;
import io.mrk.internal.store.KdfParameters;
import io.mrk.internal.store.KeystoreCredentials;
import io.mrk.internal.store.KeystoreFile;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidAlgorithmParameterException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Sealed keystore files as key registries: open a session on one, load one, change one under the
 * file lock, export one Region. This is what the {@code mrk} command line and applications that
 * manage keys use; the {@code MRK} {@link java.security.KeyStore} reads the same files.
 *
 * <p>{@link #update} is the safe way to change a keystore that other processes may change too: it
 * holds an exclusive lock on {@code <file>.lock} while it loads, applies the due automatic rotations
 * and the change, and replaces the file atomically with the next generation, so concurrent writers
 * never lose each other's updates and a crash leaves either the old or the new file. Key material is
 * created only there: a registry from {@link #load} or a {@link KeystoreSession} only reads, and
 * follows the file as other processes write it.
 */
public final class MrkKeystore {

  /** A change to a registry that produces a result. */
  @FunctionalInterface
  public interface Change<T> {
    T apply(KeyRegistry registry) throws KmsException;
  }

  private static final System.Logger LOG = System.getLogger(MrkKeystore.class.getName());

  /** How often a loaded keystore checks its file for a newer generation, unless told otherwise. */
  public static final Duration DEFAULT_REFRESH_INTERVAL = MrkLoadStoreParameter.DEFAULT_REFRESH_INTERVAL;

  private final Clock clock;
  private final KdfParameters kdf;
  private final KdfParameters kdfCeiling;
  private final SecureRandom random;
  private final Duration refreshInterval;
  private final Duration lockTimeout;
  private final Consumer<String> auditWarnings;
  private final Duration replicationDelay;

  private MrkKeystore(Clock clock, KdfParameters kdf, KdfParameters kdfCeiling, SecureRandom random,
                      Duration refreshInterval, Duration lockTimeout, Consumer<String> auditWarnings,
                      Duration replicationDelay) {
    this.clock = clock;
    this.kdf = kdf;
    this.kdfCeiling = kdfCeiling;
    this.random = random;
    this.refreshInterval = refreshInterval;
    this.lockTimeout = lockTimeout;
    this.auditWarnings = auditWarnings;
    this.replicationDelay = replicationDelay;
  }

  /**
   * Keystores with the system clock, the strong default password KDF, a KDF ceiling of
   * {@code argon2id:m=262144,t=16,p=16}, a refresh interval of {@link #DEFAULT_REFRESH_INTERVAL}
   * and a lock timeout of 30 seconds.
   */
  public static MrkKeystore withDefaults() {
    return new MrkKeystore(Clock.systemUTC(), KdfParameters.DEFAULT, KdfParameters.DEFAULT_CEILING,
        new SecureRandom(), DEFAULT_REFRESH_INTERVAL, KeystoreFile.DEFAULT_LOCK_TIMEOUT,
        warning -> LOG.log(System.Logger.Level.WARNING, warning), Duration.ZERO);
  }

  /** The same, with another clock (rotation schedules and deletion windows are evaluated against it). */
  public MrkKeystore withClock(Clock clock) {
    return new MrkKeystore(Objects.requireNonNull(clock, "clock"), kdf, kdfCeiling, random, refreshInterval,
        lockTimeout, auditWarnings, replicationDelay);
  }

  /**
   * The same, reporting audit problems of writes to {@code warnings} (one sentence each) instead of
   * the {@code System.Logger} of this class: a committed write whose events could not be appended yet
   * (they stay sealed in the keystore's outbox until a later write appends them), or refusals that
   * could not be logged. A write never fails because of its audit trail.
   */
  public MrkKeystore withAuditWarnings(Consumer<String> warnings) {
    return new MrkKeystore(clock, kdf, kdfCeiling, random, refreshInterval, lockTimeout,
        Objects.requireNonNull(warnings, "warnings"), replicationDelay);
  }

  /**
   * The same, where writes keep a new replica {@code Creating} and both keys of an
   * UpdatePrimaryRegion {@code Updating} for {@code delay} (KMS synchronises asynchronously; a
   * disaster-recovery drill can exercise the retries that needs). The states are stored, so every
   * reader sees them end on time. Zero by default.
   */
  public MrkKeystore withReplicationDelay(Duration delay) {
    if (Objects.requireNonNull(delay, "delay").isNegative()) {
      throw new IllegalArgumentException("the replication delay must not be negative: " + delay);
    }
    return new MrkKeystore(clock, kdf, kdfCeiling, random, refreshInterval, lockTimeout, auditWarnings, delay);
  }

  /**
   * The same, with other password-KDF parameters in the form {@code argon2id:m=<KiB>,t=<iterations>,p=<lanes>}:
   * the parameters of files it creates, and the floor a write raises an existing file's parameters
   * to (a weaker file is resealed under the stronger ones). Weak parameters are for tests only.
   */
  public MrkKeystore withKdf(String kdfParameters) throws InvalidAlgorithmParameterException {
    return new MrkKeystore(clock, KdfParameters.parse(kdfParameters), kdfCeiling, random, refreshInterval,
        lockTimeout, auditWarnings, replicationDelay);
  }

  /**
   * The same, with another ceiling on the KDF parameters of files it opens: a file asking for more
   * is refused before any derivation, so a crafted file cannot cost minutes and gigabytes.
   */
  public MrkKeystore withKdfCeiling(String kdfParameters) throws InvalidAlgorithmParameterException {
    return new MrkKeystore(clock, kdf, KdfParameters.parse(kdfParameters), random, refreshInterval, lockTimeout, auditWarnings, replicationDelay);
  }

  /** The same, checking a loaded keystore's file for a newer generation at most once per {@code interval}. */
  public MrkKeystore withRefreshInterval(Duration interval) {
    if (Objects.requireNonNull(interval, "interval").isNegative()) {
      throw new IllegalArgumentException("the refresh interval must not be negative: " + interval);
    }
    return new MrkKeystore(clock, kdf, kdfCeiling, random, interval, lockTimeout, auditWarnings, replicationDelay);
  }

  /** The same, giving up after {@code timeout} when another writer holds the file's lock. */
  public MrkKeystore withLockTimeout(Duration timeout) {
    if (Objects.requireNonNull(timeout, "timeout").isNegative()) {
      throw new IllegalArgumentException("the lock timeout must not be negative: " + timeout);
    }
    return new MrkKeystore(clock, kdf, kdfCeiling, random, refreshInterval, timeout, auditWarnings, replicationDelay);
  }

  /**
   * A session on {@code file}: opens it once (one Argon2id derivation), then follows it and writes to
   * it without deriving again. A file that does not exist yet reads as empty until a write creates it.
   * Close it to wipe the password copy and the derived keys it holds.
   */
  public KeystoreSession open(Path file, char[] password) throws IOException {
    return new KeystoreSession(PersistedRegistry.open(file, credentials(password), settings(null)), clock);
  }

  /**
   * The registry in {@code file}: a read-only view (changes are refused with a {@link KmsException}
   * whose error is {@code UnsupportedOperationException}; use {@link #update}) that follows the file, so it sees
   * rotations, disables and new keys other processes commit. Its key bindings are audited in the
   * logs next to the file ({@code <file>.audit/}); {@link #flushAudit} waits for them. The view keeps
   * a copy of the password and the derived keys while it is reachable; use {@link #open} to control
   * that lifetime.
   */
  public KeyRegistry load(Path file, char[] password) throws IOException {
    if (!Files.exists(file)) {
      throw new java.nio.file.NoSuchFileException(file.toString());
    }
    return open(file, password).registry();
  }

  /**
   * Waits until every audit event {@code registry} (from {@link #load} or a session) recorded so far
   * is written.
   *
   * @return what could not be written (e.g. a full disk or a read-only location), one sentence per
   *     problem; empty when everything was written
   */
  public static List<String> flushAudit(KeyRegistry registry) throws IOException {
    return KeystoreAudit.flush(registry);
  }

  /**
   * Applies the due automatic rotations and {@code change} to the registry in {@code file} (an
   * empty registry if the file does not exist yet) under the file lock, and writes the result back
   * atomically as the next generation. If {@code change} throws, nothing is written and the file is
   * untouched. The operations {@code change} made, refused ones included, are in the audit logs next
   * to the file when this returns.
   *
   * @throws IOException also when the file is older than a generation this process has seen (an
   *     older copy restored), or another writer holds the lock for longer than the lock timeout
   */
  public <T> T update(Path file, char[] password, Change<T> change) throws IOException, KmsException {
    return PersistedRegistry.updateOnce(file, credentials(password), settings(null), change::apply);
  }

  /**
   * Writes to {@code target} a keystore holding only {@code region}'s keys (its primaries and
   * replicas with their material, and its aliases), sealed with {@code targetPassword}: what that
   * Region's servers need, without the other Regions' keys. The export is a new keystore (its own
   * id, generation 1); nothing is minted for it, so it holds exactly the versions the source has.
   */
  public void exportRegion(Path source, char[] password, Region region, Path target, char[] targetPassword)
      throws IOException {
    if (Files.exists(target) && Files.isSameFile(source, target)) {
      throw new IOException("The export target must not be the source keystore itself");
    }
    KeyRegistry scoped;
    try (KeystoreSession session = open(source, password)) {
      scoped = RegistryCodec.regionScoped(session.registry(), region, registrySettings());
    }
    RegistryAccess.newLineage(scoped, random);
    byte[] payload = RegistryCodec.encode(scoped);
    try {
      KeystoreFile.write(target, payload, targetPassword, kdf, random);
    } finally {
      Arrays.fill(payload, (byte) 0);
    }
  }

  /** The audit trail of {@code file}, to read or verify; no file is opened until then. */
  public static KeystoreAuditTrail auditTrail(Path file) {
    return new KeystoreAuditTrail(file);
  }

  private KeystoreCredentials credentials(char[] password) {
    return new KeystoreCredentials(password, kdf, kdfCeiling);
  }

  private PersistedRegistry.Settings settings(Region region) {
    return new PersistedRegistry.Settings(clock, random, refreshInterval, lockTimeout, region, auditWarnings,
        replicationDelay);
  }

  private KeyRegistry.Builder registrySettings() {
    return KeyRegistries.builder().clock(clock).random(random);
  }
}
