package io.mrk.bench;

import java.util.SplittableRandom;

/** The plaintexts and associated data every implementation is measured with: same bytes for all. */
public final class Messages {

  /** Associated data length for every message (32 bytes, e.g. a record header). */
  public static final int AAD_BYTES = 32;

  private static final long SEED = 0x4d524b2d62656e63L;

  private Messages() {}

  /** {@code size} pseudo-random bytes, identical across runs and implementations. */
  public static byte[] plaintext(int size) {
    byte[] bytes = new byte[size];
    new SplittableRandom(SEED ^ size).nextBytes(bytes);
    return bytes;
  }

  /** The 32 bytes of associated data bound to every message. */
  public static byte[] aad() {
    byte[] aad = new byte[AAD_BYTES];
    new SplittableRandom(SEED).nextBytes(aad);
    return aad;
  }
}
