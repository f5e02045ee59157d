package io.mrk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MrkCiphertextTest {

  /** The header of known-answer vector 2 in spec/ciphertext-format.md (the empty message). */
  private static final byte[] KAT = HexFormat.of().parseHex(
      "020110004b61726e3a6177733a6b6d733a65752d776573742d313a3131313132323232333333333a"
      + "6b65792f6d726b2d3031323334353637383961626364656630313233343536373839616263646566"
      + "00000001d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeefa0a1a2a3"
      + "a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf4da89c0a359a3926174c965d"
      + "4f5d1d0f4e53ef712c7180b85316d29adf9914a7c0c1c2c3c4c5c6c7c8c9cacbdbca0f58e342ca0f"
      + "46ac313322a74186");

  @Test
  void readsTheKeyFromTheHeader() throws Exception {
    MrkCiphertext c = MrkCiphertext.parseHeader(KAT);
    assertEquals("arn:aws:kms:eu-west-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef", c.keyArn());
    assertEquals("mrk-0123456789abcdef0123456789abcdef", c.keyId());
    assertEquals("eu-west-1", c.region());
    assertEquals(1, c.materialVersion());
    assertEquals("d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef", c.materialId());
    assertEquals(192, c.headerLength());
  }

  @Test
  void refusesWhatIsNotAHeader() {
    assertThrows(GeneralSecurityException.class, () -> MrkCiphertext.parseHeader(null));
    assertThrows(GeneralSecurityException.class, () -> MrkCiphertext.parseHeader(new byte[0]));
    assertThrows(GeneralSecurityException.class, () -> MrkCiphertext.parseHeader(Arrays.copyOf(KAT, 100)));
    byte[] badResourceType = KAT.clone();
    System.arraycopy("alias".getBytes(), 0, badResourceType, 5 + 35, 5);
    assertThrows(GeneralSecurityException.class, () -> MrkCiphertext.parseHeader(badResourceType));
    byte[] longArn = KAT.clone();
    longArn[3] = 0x08;
    longArn[4] = 0x01;
    assertThrows(GeneralSecurityException.class, () -> MrkCiphertext.parseHeader(longArn));
    byte[] zeroVersion = KAT.clone();
    zeroVersion[5 + 75 + 3] = 0;
    assertThrows(GeneralSecurityException.class, () -> MrkCiphertext.parseHeader(zeroVersion));
  }
}
