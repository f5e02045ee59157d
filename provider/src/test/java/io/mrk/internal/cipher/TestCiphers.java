package io.mrk.internal.cipher;

import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/** Builders and readers the cipher tests share. */
final class TestCiphers {

  private TestCiphers() {}

  /** An SPI with {@code sessions} (fixed salt or chunk size), MRK's nonce generator and the chosen engine. */
  static MrkAesGcmCipherSpi spi(SessionSource sessions) {
    return new MrkAesGcmCipherSpi(sessions, new NonceGenerator(), new AesGcmCore());
  }

  /** The base nonce in the header of {@code ciphertext}. */
  static byte[] nonce(byte[] ciphertext) throws AEADBadTagException {
    CiphertextHeader h = CiphertextHeader.parse(ciphertext, 0, ciphertext.length);
    return Arrays.copyOfRange(ciphertext, h.nonceOffset(), h.length());
  }
}
