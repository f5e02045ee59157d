package io.mrk.internal.cipher;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mrk.internal.key.KeyMaterial;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * The process-wide cache of data keys derived for decryption, keyed by the {@link KeyMaterial}
 * instance (identity) and the header's bound prefix (which holds the salt), so that decrypting many
 * messages of one session pays one HKDF. Bounded and expiring. (A static cache, as before: which
 * object owns it is the registry's session design.)
 */
final class DecryptionKeys {

  private static final Cache<Slot, DerivedKey> KEYS = Caffeine.newBuilder()
      .maximumSize(4_096)
      .expireAfterAccess(Duration.ofMinutes(15))
      .build();

  private record Slot(KeyMaterial material, ByteBuffer boundPrefix) {}

  private DecryptionKeys() {}

  /** The data key and commitment of {@code material} for {@code header}. */
  static DerivedKey get(KeyMaterial material, CiphertextHeader header) throws GeneralSecurityException {
    Slot slot = new Slot(material, ByteBuffer.wrap(header.fixedPart(), 0, header.boundLength()).slice());
    DerivedKey cached = KEYS.getIfPresent(slot);
    if (cached != null) {
      return cached;
    }
    DerivedKey derived = DataKeyDerivation.derive(material.bytes(), header.fixedPart(), header.boundLength(),
        header.salt());
    KEYS.put(slot, derived);
    return derived;
  }
}
