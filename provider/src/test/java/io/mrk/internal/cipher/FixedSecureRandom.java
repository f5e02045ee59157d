package io.mrk.internal.cipher;

import java.security.SecureRandom;

/** A "random" source that always yields the same bytes, so that known-answer tests can fix the nonce. */
final class FixedSecureRandom extends SecureRandom {

  private static final long serialVersionUID = 1L;

  private final byte[] value;

  FixedSecureRandom(byte[] value) {
    this.value = value.clone();
  }

  @Override
  public void nextBytes(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = value[i % value.length];
    }
  }
}
