package io.mrk.internal.cipher;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mrk.internal.key.KeyMaterial;
import io.mrk.internal.key.SessionCaches;
import io.mrk.kms.Arn;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * One registry's encryption sessions: one per (material instance, key ARN), each with a salt drawn
 * from a strong {@link SecureRandom}, replaced once it no longer accepts new messages. Owned by the
 * registry's {@link SessionCaches} ({@link #SLOT}) and dropped when its keystore session closes.
 *
 * <p>The cache key holds the {@link KeyMaterial} object itself, compared by identity (it does not
 * override {@code equals}), never a name: a deleted and re-created key, or another registry's key
 * with the same ARN, can never reach a session derived from other material. Bounded and expiring so
 * that idle keys' derived data keys do not linger.
 */
final class EncryptionSessions implements SessionSource, SessionCaches.Cache {

  /** Chunks of 2^16 = 64 KiB of plaintext. */
  static final int CHUNK_SIZE_LOG2 = 16;

  /** Where a registry keeps its encryption sessions. */
  static final SessionCaches.Slot<EncryptionSessions> SLOT = new SessionCaches.Slot<>("encryption sessions",
      EncryptionSessions::new);

  private record Owner(KeyMaterial material, String keyArn) {
    // Written out: a record's generated equals and hashCode link through invokedynamic on first use, a
    // start-up cost of every command (benchmarks/RESULTS.md). The material compares by identity.
    @Override
    public boolean equals(Object o) {
      return o instanceof Owner other && material.equals(other.material) && keyArn.equals(other.keyArn);
    }

    @Override
    public int hashCode() {
      return 31 * material.hashCode() + keyArn.hashCode();
    }
  }

  private final Cache<Owner, EncryptionSession> sessions = Caffeine.newBuilder()
      .maximumSize(1_024)
      .expireAfterAccess(Duration.ofMinutes(15))
      .build();
  private volatile SecureRandom saltRandom;
  private volatile boolean dropped;

  EncryptionSessions() {}

  @Override
  public EncryptionSession sessionFor(KeyMaterial material, Arn keyArn) throws GeneralSecurityException {
    Owner owner = new Owner(material, keyArn.toString());
    EncryptionSession current = sessions.getIfPresent(owner);
    if (current != null && current.acceptsNewMessage()) {
      return current;
    }
    EncryptionSession fresh = create(material, keyArn);
    if (dropped) {
      return fresh;
    }
    return sessions.asMap().merge(owner, fresh, (old, made) -> old.acceptsNewMessage() ? old : made);
  }

  /** How many sessions are held (for tests). */
  long size() {
    sessions.cleanUp();
    return sessions.estimatedSize();
  }

  @Override
  public void drop() {
    dropped = true;
    sessions.invalidateAll();
  }

  private EncryptionSession create(KeyMaterial material, Arn keyArn) throws GeneralSecurityException {
    byte[] salt = new byte[DataKeyDerivation.SALT_BYTES];
    saltRandom().nextBytes(salt);
    return newSession(material, keyArn, salt, CHUNK_SIZE_LOG2);
  }

  /** A session with a given salt and chunk size; production passes a random salt and 2^16. */
  static EncryptionSession newSession(KeyMaterial material, Arn keyArn, byte[] salt, int chunkSizeLog2)
      throws GeneralSecurityException {
    byte[] bound = boundPrefix(material, keyArn, salt, chunkSizeLog2);
    DerivedKey key = DataKeyDerivation.derive(material, bound, bound.length, salt);
    return new EncryptionSession(chunkSizeLog2, key, bound);
  }

  /** The header's bound prefix for a session of {@code material} under {@code keyArn}. */
  static byte[] boundPrefix(KeyMaterial material, Arn keyArn, byte[] salt, int chunkSizeLog2)
      throws InvalidKeyException {
    try {
      return CiphertextHeader.encodeBoundPrefix(chunkSizeLog2, keyArn.toString(), material.version(),
          material.materialId(), salt);
    } catch (IllegalArgumentException e) {
      throw new InvalidKeyException("cannot write a header for " + keyArn + ": " + e.getMessage(), e);
    }
  }

  private SecureRandom saltRandom() throws NoSuchAlgorithmException {
    SecureRandom r = saltRandom;
    if (r == null) {
      synchronized (this) {
        r = saltRandom;
        if (r == null) {
          r = SecureRandom.getInstanceStrong();
          saltRandom = r;
        }
      }
    }
    return r;
  }
}
