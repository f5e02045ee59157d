package io.mrk.internal.store;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * A keystore password together with the keys it yielded for one KDF salt, so that a session runs
 * Argon2id once and then opens and seals later versions of its file without running it again.
 *
 * <p>Opening a file whose KDF parameters and salt equal the cached ones checks the cached verifier
 * against the file's (constant time) and decrypts with the cached key; any other file costs one
 * derivation, after the {@linkplain #ceiling() ceiling} check, and its keys replace the cached ones.
 * Sealing keeps the cached salt and draws a fresh 96-bit nonce for every write, so one AES-256 key
 * seals several files: the random-nonce construction of NIST SP 800-38D section 8.2.2 allows 2^32
 * invocations per key, and {@link #sealNext} draws a new salt (one derivation) every
 * {@link #WRITES_PER_SALT} generations, which bounds every key's use far below that, whichever
 * process wrote. A file whose parameters are below the {@linkplain #floor() floor} is resealed
 * under raised parameters and a new salt.
 *
 * <p>{@link #close()} wipes the password copy and the cached keys. Thread-safe.
 */
public final class KeystoreCredentials implements AutoCloseable {

  /** Generations sealed under one salt at most: a multiple of this starts a new salt. */
  public static final long WRITES_PER_SALT = 1L << 20;

  private final char[] password;
  private final KdfParameters floor;
  private final KdfParameters ceiling;
  private KdfParameters kdf;
  private byte[] salt;
  private KeystoreKeys keys;
  private int derivations;
  private boolean closed;

  /**
   * @param password copied; the caller may wipe its array
   * @param floor the parameters of a new file, and the least a writer reseals an existing one under
   * @param ceiling the most a loader derives with (also bounded by half the JVM's maximum heap)
   */
  public KeystoreCredentials(char[] password, KdfParameters floor, KdfParameters ceiling) {
    this.password = Objects.requireNonNull(password, "password").clone();
    this.floor = Objects.requireNonNull(floor, "floor");
    this.ceiling = Objects.requireNonNull(ceiling, "ceiling");
  }

  public KdfParameters floor() {
    return floor;
  }

  public KdfParameters ceiling() {
    return ceiling;
  }

  /** How many Argon2id derivations these credentials have run so far. */
  public synchronized int derivations() {
    return derivations;
  }

  /**
   * Opens a sealed keystore, reusing the cached keys when the file has the cached salt and KDF.
   *
   * @throws KeystoreFileException as {@link SealedKeystore#open}, and {@link CorruptKeystoreException}
   *     when the file's KDF exceeds the ceiling (before any derivation)
   */
  public synchronized byte[] open(byte[] sealed) throws KeystoreFileException {
    requireOpen();
    KeystoreHeader header = KeystoreHeader.readVerified(Objects.requireNonNull(sealed, "sealed"));
    return open(header, sealed);
  }

  synchronized byte[] open(KeystoreHeader header, byte[] sealed) throws KeystoreFileException {
    requireOpen();
    if (keys == null || !header.kdf().equals(kdf) || !Arrays.equals(header.salt(), salt)) {
      SealedKeystore.requireWithin(header.kdf(), ceiling);
      KeystoreKeys derived = SealedKeystore.deriveForOpening(password, header);
      derivations++;
      byte[] payload;
      try {
        payload = SealedKeystore.open(header, sealed, derived);
      } catch (KeystoreFileException | RuntimeException e) {
        derived.close();
        throw e;
      }
      adopt(header.kdf(), header.salt(), derived);
      return payload;
    }
    return SealedKeystore.open(header, sealed, keys);
  }

  /**
   * Seals the payload of generation {@code generation}: under the cached salt and keys when they
   * exist, meet the floor and the generation is not a multiple of {@link #WRITES_PER_SALT};
   * otherwise under a new salt (and the floor-raised parameters), which costs one derivation.
   */
  public synchronized byte[] sealNext(byte[] payload, long generation, SecureRandom random) {
    requireOpen();
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(random, "random");
    if (keys == null || kdf.weakerThan(floor) || generation % WRITES_PER_SALT == 0) {
      KdfParameters next = kdf == null ? floor : kdf.atLeast(floor);
      byte[] fresh = new byte[KeystoreHeader.SALT_BYTES];
      random.nextBytes(fresh);
      KeystoreKeys derived = SealedKeystore.deriveForSealing(password, next, fresh);
      derivations++;
      adopt(next, fresh, derived);
    }
    return SealedKeystore.seal(payload, kdf, salt, keys, random);
  }

  private void adopt(KdfParameters nextKdf, byte[] nextSalt, KeystoreKeys nextKeys) {
    if (keys != null) {
      keys.close();
    }
    kdf = nextKdf;
    salt = nextSalt.clone();
    keys = nextKeys;
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("these keystore credentials are closed");
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    Arrays.fill(password, '\0');
    if (keys != null) {
      keys.close();
      keys = null;
    }
  }

  @Override
  public String toString() {
    return "KeystoreCredentials[redacted]";
  }
}
