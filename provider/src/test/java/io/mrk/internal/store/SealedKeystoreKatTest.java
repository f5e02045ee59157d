package io.mrk.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Pins the version-1 layout with the vector of {@code spec/keystore-format.md}. The expected bytes
 * were computed independently of this code, with pyca/cryptography 48 (OpenSSL's Argon2id, HKDF and
 * AES-GCM) following the spec, so the vector checks the spec as well as the code.
 */
class SealedKeystoreKatTest {

  private static final char[] PASSWORD = "MRK test password".toCharArray();
  private static final KdfParameters KDF = KdfParameters.argon2id(64, 1, 1);
  private static final byte[] SALT = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
  private static final byte[] NONCE = HexFormat.of().parseHex("202122232425262728292a2b");
  private static final byte[] PAYLOAD = "MRK keystore known-answer payload".getBytes(StandardCharsets.US_ASCII);

  private static final String SEALED_HEX = ""
      + "894d524b4b530d0a" + "0001" + "01" + "00000040" + "00000001" + "00000001"
      + "000102030405060708090a0b0c0d0e0f"
      + "865bb03139a74c4c49cc17f396a3ec78b0513cf46e15684d3ac08564f60e0572"
      + "202122232425262728292a2b"
      + "00000021"
      + "82266956dad70e1509a3005b74eebe046887c6b87643997fbba8e565b34076e86f"
      + "eb153d8e8169bdb425eb6aef26c29df2"
      + "9562dff9801518b745455eb99f9ff9eb400d0dc62c118a7b16f98caa1b2d4684";

  @Test
  void sealProducesTheVector() {
    byte[] randomBytes = new byte[SALT.length + NONCE.length];
    System.arraycopy(SALT, 0, randomBytes, 0, SALT.length);
    System.arraycopy(NONCE, 0, randomBytes, SALT.length, NONCE.length);
    byte[] sealed = SealedKeystore.seal(PAYLOAD, PASSWORD, KDF, new FixedBytesRandom(randomBytes));
    assertEquals(SEALED_HEX, HexFormat.of().formatHex(sealed));
  }

  @Test
  void openReadsTheVector() throws Exception {
    byte[] sealed = HexFormat.of().parseHex(SEALED_HEX);
    assertEquals(168, sealed.length);
    assertArrayEquals(PAYLOAD, SealedKeystore.open(sealed, PASSWORD));
    assertEquals(KDF, SealedKeystore.kdfParameters(sealed));
  }

  @Test
  void theVectorRejectsAnotherPassword() {
    byte[] sealed = HexFormat.of().parseHex(SEALED_HEX);
    assertThrows(WrongPasswordException.class, () -> SealedKeystore.open(sealed, "MRK test passworD".toCharArray()));
  }
}
