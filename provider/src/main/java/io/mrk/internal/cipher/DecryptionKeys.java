package io.mrk.internal.cipher;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mrk.internal.key.KeyMaterial;
import io.mrk.internal.key.SessionCaches;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;

/**
 * One registry's cache of data keys derived for decryption, keyed by the {@link KeyMaterial}
 * instance (identity) and the header's bound prefix (which holds the salt), so that decrypting many
 * messages of one session pays one HKDF. Bounded and expiring; owned by the registry's
 * {@link SessionCaches} ({@link #SLOT}) and dropped when its keystore session closes.
 */
final class DecryptionKeys implements SessionCaches.Cache {

  /** Where a registry keeps its decryption keys. */
  static final SessionCaches.Slot<DecryptionKeys> SLOT = new SessionCaches.Slot<>("decryption keys",
      DecryptionKeys::new);

  private final Cache<Slot, DerivedKey> keys = Caffeine.newBuilder()
      .maximumSize(4_096)
      .expireAfterAccess(Duration.ofMinutes(15))
      .build();
  private volatile boolean dropped;

  private record Slot(KeyMaterial material, ByteBuffer boundPrefix) {}

  DecryptionKeys() {}

  /** The data key and commitment of {@code material} for {@code header}. */
  DerivedKey get(KeyMaterial material, CiphertextHeader header) throws GeneralSecurityException {
    Slot slot = new Slot(material, ByteBuffer.wrap(header.fixedPart(), 0, header.boundLength()).slice());
    DerivedKey cached = keys.getIfPresent(slot);
    if (cached != null) {
      return cached;
    }
    DerivedKey derived = DataKeyDerivation.derive(material, header.fixedPart(), header.boundLength(),
        header.salt());
    if (!dropped) {
      keys.put(slot, derived);
    }
    return derived;
  }

  /** How many derived keys are held (for tests). */
  long size() {
    keys.cleanUp();
    return keys.estimatedSize();
  }

  @Override
  public void drop() {
    dropped = true;
    keys.invalidateAll();
  }
}
