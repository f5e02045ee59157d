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
      "010110004b61726e3a6177733a6b6d733a65752d776573742d313a3131313132323232333333333a6b65792f6d726b"
      + "2d303132333435363738396162636465663031323334353637383961626364656600000001a0a1a2a3a4a5a6a7a8"
      + "a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacb43d5c53e062ccd5ce5e479ef"
      + "5cc55814a2e882d6cb43f9089ad1a939ffc2cac0c2d7fff78a87e927047fefcd87762826");

  @Test
  void readsTheKeyFromTheHeader() throws Exception {
    MrkCiphertext c = MrkCiphertext.parseHeader(KAT);
    assertEquals("arn:aws:kms:eu-west-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef", c.keyArn());
    assertEquals("mrk-0123456789abcdef0123456789abcdef", c.keyId());
    assertEquals("eu-west-1", c.region());
    assertEquals(1, c.materialVersion());
    assertEquals(160, c.headerLength());
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
