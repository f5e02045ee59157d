package io.mrk.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The AES-256 known answers of D. McGrew and J. Viega, "The Galois/Counter Mode of Operation (GCM)",
 * revised submission to NIST (2005), Appendix B, test cases 13 to 16 (also in NIST's gcmEncryptExtIV256
 * vectors), transcribed: key, IV, plaintext, AAD, ciphertext, tag.
 */
class AesGcmCoreKatTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final String K15 = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
  private static final String P15 = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255";
  private static final String C15 = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
      + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad";

  @ParameterizedTest(name = "McGrew-Viega test case {0}")
  @CsvSource({
      "13, 0000000000000000000000000000000000000000000000000000000000000000, 000000000000000000000000,"
          + " '', '', '', 530f8afbc74536b9a963b4f1c4cb738b",
      "14, 0000000000000000000000000000000000000000000000000000000000000000, 000000000000000000000000,"
          + " 00000000000000000000000000000000, '', cea7403d4d606b6e074ec5d3baf39d18,"
          + " d0d1c8a799996bf0265b98b5d48ab919",
      "15, " + K15 + ", cafebabefacedbaddecaf888, " + P15 + ", '', " + C15 + ", b094dac5d93471bdec1a502270e3cc6c",
      "16, " + K15 + ", cafebabefacedbaddecaf888, " + "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d"
          + "8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39,"
          + " feedfacedeadbeeffeedfacedeadbeefabaddad2, 522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd"
          + "2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662, 76fc6ece0f4e1768cddf8853bb2d551b"
  })
  void knownAnswer(int testCase, String key, String iv, String plain, String aad, String ct, String tag)
      throws Exception {
    SecretKeySpec k = AesGcmCore.key(HEX.parseHex(key));
    byte[] p = HEX.parseHex(plain);
    byte[] expected = HEX.parseHex(ct + tag);
    byte[] sealed = new byte[p.length + AesGcmCore.TAG_BYTES];
    assertEquals(sealed.length,
        new AesGcmCore().seal(k, HEX.parseHex(iv), HEX.parseHex(aad), HEX.parseHex(aad).length, p, 0, p.length, sealed, 0));
    assertArrayEquals(expected, sealed, "test case " + testCase);
    byte[] opened = new byte[expected.length];
    int n = new AesGcmCore().open(k, HEX.parseHex(iv), HEX.parseHex(aad), HEX.parseHex(aad).length,
        expected, 0, expected.length, opened, 0);
    assertArrayEquals(p, Arrays.copyOf(opened, n));
    expected[expected.length - 1] ^= 1;
    assertThrows(AEADBadTagException.class, () -> new AesGcmCore().open(k, HEX.parseHex(iv),
        HEX.parseHex(aad), HEX.parseHex(aad).length, expected, 0, expected.length, opened, 0));
  }

  @Test
  void otherParametersAreRefused() {
    assertThrows(InvalidKeyException.class, () -> AesGcmCore.key(new byte[16]));
    assertThrows(InvalidKeyException.class, () -> AesGcmCore.key(new byte[24]));
    assertThrows(InvalidAlgorithmParameterException.class, () -> AesGcmCore.checkParameters(16, 128));
    assertThrows(InvalidAlgorithmParameterException.class, () -> AesGcmCore.checkParameters(12, 96));
  }
}
