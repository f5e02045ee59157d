package io.mrk.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.MrkKey;
import io.mrk.MrkProvider;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Random;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, problems 2, 3 and 5: the commitment covers the whole header but the nonce, so a header
 * changed in any such field fails the commitment before any chunk is opened; nothing sized by an
 * unauthenticated field is allocated; a material the header names but this Region lacks is named.
 */
class HeaderCommitmentTest {

  private static final Provider MRK = new MrkProvider();
  private final FakeKeys keys = FakeKeys.multiRegion(11, "eu-west-1", "us-east-1");
  private final MrkKey eu = keys.handle("eu-west-1");
  private final MrkKey us = keys.handle("us-east-1");

  private static byte[] encrypt(MrkKey key, byte[] plain) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding", MRK);
    c.init(Cipher.ENCRYPT_MODE, key);
    return c.doFinal(plain);
  }

  private static Cipher decrypting(MrkKey key) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding", MRK);
    c.init(Cipher.DECRYPT_MODE, key);
    return c;
  }

  private static byte[] plain(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  /** Format 1 bound only key id and material: a header moved to another account passed the commitment. */
  @Test
  void aHeaderMovedToAnotherAccountFailsTheCommitment() throws Exception {
    FakeKeys otherAccount = FakeKeys.inAccount("444455556666", keys.keyId(), keys.material(1),
        "eu-west-1", "us-east-1");
    byte[] ct = encrypt(eu, plain(100));
    byte[] moved = ct.clone();
    byte[] arn = otherAccount.handle("eu-west-1").keyArn().getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(arn, 0, moved, CiphertextHeader.PREFIX_BYTES, arn.length);
    AEADBadTagException e = assertThrows(AEADBadTagException.class,
        () -> decrypting(otherAccount.handle("us-east-1")).doFinal(moved));
    assertTrue(e.getMessage().contains("key commitment"), e.getMessage());
    assertArrayEquals(plain(100), decrypting(us).doFinal(ct));
  }

  /** Every byte of the bound prefix is committed: a flip fails as malformed or at the commitment, never later. */
  @Test
  void everyBoundHeaderByteIsCommitted() throws Exception {
    byte[] ct = encrypt(eu, plain(300));
    CiphertextHeader h = CiphertextHeader.parse(ct, 0, ct.length);
    for (int i = 0; i < h.nonceOffset(); i++) {
      byte[] bad = ct.clone();
      bad[i] ^= 0x01;
      GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
          () -> decrypting(us).doFinal(bad), "byte " + i);
      String m = e.getMessage();
      assertTrue(m.contains("Malformed") || m.contains("commitment") || m.contains("IncorrectKeyException")
          || m.contains("is not held here") || m.contains("has not received") || m.contains("does not hold"),
          "byte " + i + ": " + m);
      assertTrue(!m.contains("at chunk"), "byte " + i + " reached the chunks: " + m);
    }
  }

  /** Format 1: chunkSizeLog2 rewritten to 24 passed the commitment and a 16 MiB buffer was allocated. */
  @Test
  void aForgedChunkSizeFailsTheCommitmentWithoutABigAllocation() throws Exception {
    byte[] ct = encrypt(eu, plain(5_000));
    byte[] forged = ct.clone();
    forged[2] = 24;
    MrkAesGcmCipherSpi dec = TestCiphers.spi(new EncryptionSessions());
    dec.engineInit(Cipher.DECRYPT_MODE, us, null);
    dec.engineUpdate(forged, 0, forged.length);
    assertTrue(dec.decryptionBufferBytes() <= 2 * forged.length,
        dec.decryptionBufferBytes() + " buffer bytes for a forged header");
    AEADBadTagException e = assertThrows(AEADBadTagException.class, () -> dec.engineDoFinal(new byte[0], 0, 0));
    assertTrue(e.getMessage().contains("key commitment"), e.getMessage());
  }

  /** A genuine 2^24-byte-chunk message fed in small pieces holds what it received, not 16 MiB. */
  @Test
  void aLargeChunkSizeAllocatesOnlyWhatArrives() throws Exception {
    byte[] salt = new byte[DataKeyDerivation.SALT_BYTES];
    MrkAesGcmCipherSpi enc = TestCiphers.spi((m, arn) -> EncryptionSessions.newSession(m, arn, salt, 24));
    enc.engineInit(Cipher.ENCRYPT_MODE, eu, null);
    byte[] plain = plain(100_000);
    byte[] ct = enc.engineDoFinal(plain, 0, plain.length);
    MrkAesGcmCipherSpi dec = TestCiphers.spi(new EncryptionSessions());
    dec.engineInit(Cipher.DECRYPT_MODE, us, null);
    for (int off = 0; off < 20_000; off += 1_000) {
      assertEquals(0, dec.engineUpdate(ct, off, 1_000).length);
      assertTrue(dec.decryptionBufferBytes() <= 2 * (off + 1_000L) + 272,
          dec.decryptionBufferBytes() + " buffer bytes after " + (off + 1_000) + " bytes of input");
    }
    assertArrayEquals(plain, dec.engineDoFinal(ct, 20_000, ct.length - 20_000));
  }

  /** Format 1 named only the version: other material under that version read as a commitment failure. */
  @Test
  void materialThisRegionDoesNotHoldIsNamed() throws Exception {
    byte[] ct = encrypt(eu, plain(10));
    String id = keys.material(1).materialId();
    keys.replaceVersion(1);
    BadPaddingException e = assertThrows(BadPaddingException.class, () -> decrypting(us).doFinal(ct));
    assertTrue(e.getMessage().contains("Key material " + id + " of version 1"), e.getMessage());
    assertTrue(e.getMessage().contains("is not held here"), e.getMessage());
  }

}
