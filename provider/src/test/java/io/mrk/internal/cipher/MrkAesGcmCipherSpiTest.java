package io.mrk.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.MrkKey;
import io.mrk.MrkProvider;
import io.mrk.kms.KeyState;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Provider;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/**
 * What a reused cipher object remembers between messages (its encryption session, the last header
 * and key match it verified, its AAD buffer) never outlives a change it must see.
 */
class MrkAesGcmCipherSpiTest {

  private static final Provider MRK = new MrkProvider();
  private static final String GCM = "AES/GCM/NoPadding";

  private final FakeKeys keys = FakeKeys.multiRegion(7, "eu-west-1", "us-east-1");
  private final MrkKey eu = keys.handle("eu-west-1");
  private final MrkKey us = keys.handle("us-east-1");

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] encrypt(Cipher c, MrkKey key, byte[] plain) throws GeneralSecurityException {
    c.init(Cipher.ENCRYPT_MODE, key);
    return c.doFinal(plain);
  }

  private static byte[] decrypt(Cipher c, MrkKey key, byte[] ct) throws GeneralSecurityException {
    c.init(Cipher.DECRYPT_MODE, key);
    return c.doFinal(ct);
  }

  @Test
  void aReusedEncryptingCipherRefusesADisabledKeyAtTheNextInit() throws Exception {
    Cipher enc = Cipher.getInstance(GCM, MRK);
    encrypt(enc, eu, bytes(10, 1));
    keys.region("eu-west-1").setState(KeyState.DISABLED);
    InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> enc.init(Cipher.ENCRYPT_MODE, eu));
    assertTrue(e.getMessage().startsWith("DisabledException: "), e.getMessage());
    keys.region("eu-west-1").setState(KeyState.ENABLED);
    byte[] ct = encrypt(enc, eu, bytes(10, 2));
    assertArrayEquals(bytes(10, 2), decrypt(Cipher.getInstance(GCM, MRK), us, ct));
  }

  @Test
  void aReusedEncryptingCipherMovesToNewMaterialAfterRotation() throws Exception {
    Cipher enc = Cipher.getInstance(GCM, MRK);
    byte[] before = encrypt(enc, eu, bytes(10, 3));
    keys.rotate();
    byte[] after = encrypt(enc, eu, bytes(10, 4));
    assertEquals(1, CiphertextHeader.parse(before, 0, before.length).materialVersion());
    assertEquals(2, CiphertextHeader.parse(after, 0, after.length).materialVersion());
    Cipher dec = Cipher.getInstance(GCM, MRK);
    assertArrayEquals(bytes(10, 3), decrypt(dec, us, before));
    assertArrayEquals(bytes(10, 4), decrypt(dec, us, after));
  }

  @Test
  void aReusedEncryptingCipherKeepsTheSessionButDrawsAFreshNonce() throws Exception {
    Cipher enc = Cipher.getInstance(GCM, MRK);
    byte[] first = encrypt(enc, eu, bytes(10, 5));
    byte[] second = encrypt(enc, eu, bytes(10, 5));
    assertArrayEquals(header(first).salt(), header(second).salt());
    assertTrue(!Arrays.equals(TestCiphers.nonce(first), TestCiphers.nonce(second)));
  }

  @Test
  void aHeaderNotSeenBeforeIsCheckedAgainAfterInit() throws Exception {
    byte[] ct = encrypt(Cipher.getInstance(GCM, MRK), eu, bytes(10, 8));
    Cipher dec = Cipher.getInstance(GCM, MRK);
    dec.init(Cipher.DECRYPT_MODE, us);
    keys.region("us-east-1").setState(KeyState.DISABLED);
    BadPaddingException e = assertThrows(BadPaddingException.class, () -> dec.doFinal(ct));
    assertTrue(e.getMessage().startsWith("DisabledException: "), e.getMessage());
    keys.region("us-east-1").setState(KeyState.ENABLED);
  }

  @Test
  void aReusedDecryptingCipherChecksTheKeyStateOnEveryMessage() throws Exception {
    Cipher enc = Cipher.getInstance(GCM, MRK);
    byte[] first = encrypt(enc, eu, bytes(10, 6));
    byte[] second = encrypt(enc, eu, bytes(10, 7));
    Cipher dec = Cipher.getInstance(GCM, MRK);
    assertArrayEquals(bytes(10, 6), decrypt(dec, us, first));
    dec.init(Cipher.DECRYPT_MODE, us);
    keys.region("us-east-1").setState(KeyState.DISABLED);
    // The first message after init was checked by init (once per message, not twice)...
    assertArrayEquals(bytes(10, 6), dec.doFinal(first));
    // ...every later message on the same cipher is checked when it starts.
    BadPaddingException e = assertThrows(BadPaddingException.class, () -> dec.doFinal(second));
    assertTrue(e.getMessage().startsWith("DisabledException: "), e.getMessage());
    assertThrows(InvalidKeyException.class, () -> dec.init(Cipher.DECRYPT_MODE, us));
    keys.region("us-east-1").setState(KeyState.ENABLED);
    assertArrayEquals(bytes(10, 7), decrypt(dec, us, second));
  }

  @Test
  void aReusedDecryptingCipherRefusesAnUnrelatedKeyAfterAMatch() throws Exception {
    byte[] ct = encrypt(Cipher.getInstance(GCM, MRK), eu, bytes(10, 8));
    Cipher dec = Cipher.getInstance(GCM, MRK);
    assertArrayEquals(bytes(10, 8), decrypt(dec, us, ct));
    MrkKey unrelated = FakeKeys.multiRegion(8, "us-east-1").handle("us-east-1");
    AEADBadTagException e = assertThrows(AEADBadTagException.class, () -> decrypt(dec, unrelated, ct));
    assertTrue(e.getMessage().startsWith("IncorrectKeyException"), e.getMessage());
    byte[] other = encrypt(Cipher.getInstance(GCM, MRK), unrelated, bytes(10, 9));
    e = assertThrows(AEADBadTagException.class, () -> decrypt(dec, us, other));
    assertTrue(e.getMessage().startsWith("IncorrectKeyException"), e.getMessage());
    assertArrayEquals(bytes(10, 8), decrypt(dec, us, ct));
  }

  /** After a verified message, a header repeating it but for one flipped bit never decrypts. */
  @Test
  void everyHeaderBitStillCountsAfterAVerifiedMessageOfTheSameSession() throws Exception {
    Cipher enc = Cipher.getInstance(GCM, MRK);
    byte[] verified = encrypt(enc, eu, bytes(40, 10));
    byte[] ct = encrypt(enc, eu, bytes(40, 11));
    int headerLength = header(ct).length();
    Cipher dec = Cipher.getInstance(GCM, MRK);
    for (int bit = 0; bit < headerLength * 8; bit++) {
      assertArrayEquals(bytes(40, 10), decrypt(dec, us, verified));
      byte[] altered = ct.clone();
      altered[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThrows(BadPaddingException.class, () -> decrypt(dec, us, altered), "bit " + bit);
    }
    assertArrayEquals(bytes(40, 11), decrypt(dec, us, ct));
  }

  @Test
  void theAadOfOneMessageNeverLeaksIntoTheNext() throws Exception {
    byte[] longAad = bytes(1000, 12);
    byte[] shortAad = bytes(10, 13);
    Cipher enc = Cipher.getInstance(GCM, MRK);
    enc.init(Cipher.ENCRYPT_MODE, eu);
    enc.updateAAD(longAad, 0, 300);
    enc.updateAAD(ByteBuffer.wrap(longAad, 300, 700));
    byte[] first = enc.doFinal(bytes(20, 14));
    enc.updateAAD(shortAad);
    byte[] second = enc.doFinal(bytes(20, 15));

    Cipher dec = Cipher.getInstance(GCM, MRK);
    dec.init(Cipher.DECRYPT_MODE, us);
    dec.updateAAD(longAad);
    assertArrayEquals(bytes(20, 14), dec.doFinal(first));
    dec.updateAAD(shortAad);
    assertArrayEquals(bytes(20, 15), dec.doFinal(second));
    dec.updateAAD(longAad);
    dec.updateAAD(shortAad);
    assertThrows(AEADBadTagException.class, () -> dec.doFinal(second));
  }

  /**
   * {@code getOutputSize} while decrypting stays within one chunk plus the input, however much has
   * been fed: {@code CipherInputStream} reallocates its buffer whenever the answer grows.
   */
  @Test
  void decryptionOutputSizeStaysBoundedByOneChunk() throws Exception {
    byte[] plain = bytes(1 << 20, 16);
    byte[] ct = encrypt(Cipher.getInstance(GCM, MRK), eu, plain);
    Cipher dec = Cipher.getInstance(GCM, MRK);
    dec.init(Cipher.DECRYPT_MODE, us);
    int bound = (1 << EncryptionSessions.CHUNK_SIZE_LOG2) + 512;
    byte[] out = new byte[plain.length];
    int written = 0;
    for (int off = 0; off < ct.length; off += 512) {
      int n = Math.min(512, ct.length - off);
      assertTrue(dec.getOutputSize(n) <= bound, "getOutputSize grew past one chunk at " + off);
      written += dec.update(ct, off, n, out, written);
    }
    written += dec.doFinal(out, written);
    assertEquals(plain.length, written);
    assertArrayEquals(plain, out);
  }

  private static CiphertextHeader header(byte[] ct) throws AEADBadTagException {
    return CiphertextHeader.parse(ct, 0, ct.length);
  }
}
