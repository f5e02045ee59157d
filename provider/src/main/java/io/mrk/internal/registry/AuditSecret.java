package io.mrk.internal.registry;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The registry's dedicated random secret from which the audit chain key is derived, stored sealed
 * with the keys (registry encoding version 2). It is independent of all key material, so the audit
 * chain key reveals nothing about any key and no key's use depends on it.
 *
 * @param stored false for a secret generated when a version-1 payload (which has none) was read: it
 *     exists only in memory until the registry is written back, so no log may be chained under it
 */
record AuditSecret(byte[] secret, boolean stored) {

  static final int BYTES = 32;
  private static final byte[] CHAIN_KEY_INFO = "MRK audit chain key v1".getBytes(StandardCharsets.US_ASCII);

  AuditSecret {
    if (secret == null || secret.length != BYTES) {
      throw new IllegalArgumentException("the audit secret has " + BYTES + " bytes");
    }
    secret = secret.clone();
  }

  static AuditSecret generate(SecureRandom random) {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    try {
      return new AuditSecret(bytes, false);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * The audit chain key: HKDF-SHA-256 (RFC 5869, section 2) of this secret, no salt, info
   * {@code "MRK audit chain key v1"}, 32 bytes. The caller wipes the returned array.
   */
  byte[] chainKeyBytes() {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(secret, null, CHAIN_KEY_INFO));
    byte[] out = new byte[BYTES];
    hkdf.generateBytes(out, 0, BYTES);
    return out;
  }

  /** A copy of the secret, for the encoder; the caller wipes it. */
  @Override
  public byte[] secret() {
    return secret.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditSecret other && java.security.MessageDigest.isEqual(secret, other.secret)
        && stored == other.stored;
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(stored);
  }

  @Override
  public String toString() {
    return "AuditSecret[redacted]";
  }
}
