package io.mrk.internal.store;

import java.security.SecureRandom;

/** A SecureRandom that hands out a fixed byte sequence, for known-answer tests; refuses to run past its end. */
final class FixedBytesRandom extends SecureRandom {

  private final byte[] bytes;
  private int next;

  FixedBytesRandom(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  @Override
  public void nextBytes(byte[] out) {
    if (bytes.length - next < out.length) {
      throw new IllegalStateException("fixed random bytes exhausted");
    }
    System.arraycopy(bytes, next, out, 0, out.length);
    next += out.length;
  }
}
