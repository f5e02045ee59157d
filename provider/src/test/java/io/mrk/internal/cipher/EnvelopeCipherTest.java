package io.mrk.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.EncryptionContextParameterSpec;
import java.io.ByteArrayOutputStream;
import java.security.InvalidAlgorithmParameterException;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.junit.jupiter.api.Test;

/**
 * Suite 2 through the registered SPI ({@link MrkCipherSpi}) with a KMS stand-in: the MRK-aware EDK
 * match across Regions, every truncation and header byte refused, byte-at-a-time streaming, KMS
 * errors kept by name, the context required on decryption, no caller IV on encryption.
 */
class EnvelopeCipherTest {

  private static final String US = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";
  private static final byte[] MASTER = new byte[32];
  private final FakeEnvelopeKey us = new FakeEnvelopeKey(US, MASTER);
  private final FakeEnvelopeKey eu = us.inRegion("eu-west-1");

  private static byte[] run(MrkCipherSpi spi, byte[] aad, byte[] in) throws Exception {
    spi.engineUpdateAAD(aad, 0, aad.length);
    return spi.engineDoFinal(in, 0, in.length);
  }

  private static MrkCipherSpi init(int mode, FakeEnvelopeKey key, java.security.spec.AlgorithmParameterSpec p)
      throws Exception {
    MrkCipherSpi spi = new MrkCipherSpi();
    spi.engineInit(mode, key, p, null);
    return spi;
  }

  @Test
  void aRelatedMultiRegionKeyDecryptsAndAnUnrelatedOneIsRefused() throws Exception {
    byte[] plain = "suite 2".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] ct = run(init(Cipher.ENCRYPT_MODE, us, null), new byte[] {7}, plain);
    assertEquals(2, ct[1]);
    assertArrayEquals(plain, run(init(Cipher.DECRYPT_MODE, eu, null), new byte[] {7}, ct));
    assertEquals(1, eu.decrypted.get());

    FakeEnvelopeKey other = new FakeEnvelopeKey(US.replace("mrk-1234", "mrk-9999"), MASTER);
    AEADBadTagException e = assertThrows(AEADBadTagException.class,
        () -> run(init(Cipher.DECRYPT_MODE, other, null), new byte[] {7}, ct));
    assertTrue(e.getMessage().startsWith("IncorrectKeyException"), e.getMessage());
    assertEquals(0, other.decrypted.get(), "no KMS call for an EDK that does not match");
  }

  @Test
  void everyTruncationAndEveryHeaderByteFlipIsRefused() throws Exception {
    byte[] ct = run(init(Cipher.ENCRYPT_MODE, us, new EncryptionContextParameterSpec(Map.of("k", "v"))),
        new byte[0], new byte[100]);
    for (int n = 0; n < ct.length; n++) {
      byte[] cut = Arrays.copyOf(ct, n);
      assertThrows(BadPaddingException.class, () -> run(init(Cipher.DECRYPT_MODE, eu, null), new byte[0], cut),
          "truncated to " + n);
    }
    for (int i = 0; i < ct.length; i++) {
      byte[] t = ct.clone();
      t[i] ^= 0x40;
      assertThrows(BadPaddingException.class, () -> run(init(Cipher.DECRYPT_MODE, eu, null), new byte[0], t),
          "byte " + i + " flipped");
    }
  }

  @Test
  void byteAtATimeDecryptionReleasesOnlyVerifiedChunks() throws Exception {
    byte[] plain = new byte[150_000];
    new Random(3).nextBytes(plain);
    byte[] ct = run(init(Cipher.ENCRYPT_MODE, us, null), new byte[0], plain);
    MrkCipherSpi d = init(Cipher.DECRYPT_MODE, eu, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int step = 1;
    for (int off = 0; off < ct.length; off += step) {
      step = off < 2_000 ? 1 : 997;
      int n = Math.min(step, ct.length - off);
      byte[] part = d.engineUpdate(ct, off, n);
      out.write(part);
    }
    assertTrue(out.size() <= 2 * 65_536, "the last chunk is held back until doFinal");
    out.write(d.engineDoFinal(new byte[0], 0, 0));
    assertArrayEquals(plain, out.toByteArray());
  }

  @Test
  void aKmsRefusalKeepsItsName() throws Exception {
    byte[] ct = run(init(Cipher.ENCRYPT_MODE, us, null), new byte[0], new byte[] {1});
    eu.refusal = "DisabledException: arn:aws:kms:eu-west-1:111122223333:key/mrk-1234 is disabled.";
    BadPaddingException e = assertThrows(BadPaddingException.class,
        () -> run(init(Cipher.DECRYPT_MODE, eu, null), new byte[0], ct));
    assertTrue(e.getMessage().startsWith("DisabledException: "), e.getMessage());
  }

  @Test
  void theContextCanBeRequiredOnDecryptionAndNoIvIsTakenOnEncryption() throws Exception {
    Map<String, String> ctx = Map.of("tenant", "a");
    byte[] ct = run(init(Cipher.ENCRYPT_MODE, us, new EncryptionContextParameterSpec(ctx)), new byte[0],
        new byte[] {1});
    assertArrayEquals(new byte[] {1}, run(init(Cipher.DECRYPT_MODE, eu, new EncryptionContextParameterSpec(ctx)),
        new byte[0], ct));
    assertThrows(AEADBadTagException.class, () -> run(init(Cipher.DECRYPT_MODE, eu,
        new EncryptionContextParameterSpec(Map.of("tenant", "b"))), new byte[0], ct));
    assertThrows(InvalidAlgorithmParameterException.class,
        () -> init(Cipher.ENCRYPT_MODE, us, new GCMParameterSpec(128, new byte[12])));
  }

  @Test
  void aReusedEncryptingCipherTakesOneDataKeyPerMessageFromTheKey() throws Exception {
    MrkCipherSpi e = init(Cipher.ENCRYPT_MODE, us, null);
    byte[] a = e.engineDoFinal(new byte[] {1}, 0, 1);
    byte[] b = e.engineDoFinal(new byte[] {2}, 0, 1);
    assertEquals(2, us.generated.get(), "the fake caches nothing: one data key per message");
    assertArrayEquals(new byte[] {1}, run(init(Cipher.DECRYPT_MODE, eu, null), new byte[0], a));
    assertArrayEquals(new byte[] {2}, run(init(Cipher.DECRYPT_MODE, eu, null), new byte[0], b));
  }
}
