package io.mrk.internal.registry;

import io.mrk.internal.key.KeyMaterial;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Makes key material versions and the random public identifiers of the registry.
 *
 * <p>A KeyMaterialId is 32 fresh random bytes in hex, never a function of the material: a public
 * identifier derived from the key would be a published function of the secret.
 */
final class MaterialFactory {

  private final SecureRandom random;

  MaterialFactory(SecureRandom random) {
    this.random = random;
  }

  KeyMaterial newVersion(int version, Instant createdAt, boolean onDemand) {
    byte[] bytes = new byte[KeyMaterial.KEY_BYTES];
    random.nextBytes(bytes);
    return new KeyMaterial(version, bytes, randomHex(32), createdAt, onDemand);
  }

  String randomHex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  SecureRandom random() {
    return random;
  }
}
