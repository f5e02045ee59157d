package io.mrk.internal.cipher;

import javax.crypto.spec.SecretKeySpec;

/**
 * The data key and key commitment derived for one salt; see {@link DataKeyDerivation}.
 *
 * <p>The raw derived bytes are wiped as soon as the key object is built; the JDK's
 * {@code SecretKeySpec} keeps its own copy, which Java 17 offers no way to wipe.
 */
final class DerivedKey {

  private final SecretKeySpec dataKey;
  private final byte[] commitment;

  DerivedKey(SecretKeySpec dataKey, byte[] commitment) {
    this.dataKey = dataKey;
    this.commitment = commitment;
  }

  SecretKeySpec dataKey() {
    return dataKey;
  }

  /** The commitment; never modify it. It is public in every ciphertext, not a secret. */
  byte[] commitment() {
    return commitment;
  }

  @Override
  public String toString() {
    return "DerivedKey[AES-256]";
  }
}
