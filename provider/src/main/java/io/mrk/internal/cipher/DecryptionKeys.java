package io.mrk.internal.cipher;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mrk.internal.key.KeyMaterial;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * The process-wide cache of data keys derived for decryption, keyed by the {@link KeyMaterial}
 * instance (identity), the key id and the salt, so that decrypting many messages of one session
 * pays one HKDF. Bounded and expiring.
 */
final class DecryptionKeys {

  private static final Cache<Slot, DerivedKey> KEYS = Caffeine.newBuilder()
      .maximumSize(4_096)
      .expireAfterAccess(Duration.ofMinutes(15))
      .build();

  private record Slot(KeyMaterial material, String keyId, ByteBuffer salt) {}

  private DecryptionKeys() {}

  /** The data key and commitment of {@code material} for {@code keyId} and {@code salt}. */
  static DerivedKey get(KeyMaterial material, String keyId, byte[] salt) throws GeneralSecurityException {
    Slot slot = new Slot(material, keyId, ByteBuffer.wrap(salt.clone()));
    DerivedKey cached = KEYS.getIfPresent(slot);
    if (cached != null) {
      return cached;
    }
    DerivedKey derived = DataKeyDerivation.derive(material.bytes(), keyId, material.version(), salt);
    KEYS.put(slot, derived);
    return derived;
  }
}
