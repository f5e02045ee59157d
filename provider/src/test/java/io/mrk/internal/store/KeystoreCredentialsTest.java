package io.mrk.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Credentials derive once per salt, keep the salt across writes, and re-salt when they must. */
class KeystoreCredentialsTest {

  private static final KdfParameters LIGHT = KdfParameters.argon2id(64, 1, 1);
  private static final byte[] PAYLOAD = "payload".getBytes(StandardCharsets.US_ASCII);
  private final SecureRandom random = new SecureRandom();

  private static byte[] salt(byte[] sealed) {
    return Arrays.copyOfRange(sealed, 23, 39);
  }

  @Test
  void writesKeepTheSaltWithFreshNoncesAndDeriveOnce() throws Exception {
    try (KeystoreCredentials c = new KeystoreCredentials("pw".toCharArray(), LIGHT, KdfParameters.DEFAULT_CEILING)) {
      byte[] first = c.sealNext(PAYLOAD, 1, random);
      byte[] second = c.sealNext(PAYLOAD, 2, random);
      assertArrayEquals(salt(first), salt(second));
      assertFalse(Arrays.equals(Arrays.copyOfRange(first, 71, 83), Arrays.copyOfRange(second, 71, 83)));
      assertArrayEquals(PAYLOAD, c.open(second));
      assertEquals(1, c.derivations());
      // Any other holder of the password opens it with the plain opener too.
      assertArrayEquals(PAYLOAD, SealedKeystore.open(second, "pw".toCharArray()));
    }
  }

  @Test
  void everyWritesPerSaltGenerationsAndBelowTheFloorANewSaltIsDrawn() throws Exception {
    try (KeystoreCredentials c = new KeystoreCredentials("pw".toCharArray(), LIGHT, KdfParameters.DEFAULT_CEILING)) {
      byte[] before = c.sealNext(PAYLOAD, KeystoreCredentials.WRITES_PER_SALT - 1, random);
      byte[] boundary = c.sealNext(PAYLOAD, KeystoreCredentials.WRITES_PER_SALT, random);
      assertFalse(Arrays.equals(salt(before), salt(boundary)));
      assertEquals(2, c.derivations());
    }
    byte[] weak;
    try (KeystoreCredentials c = new KeystoreCredentials("pw".toCharArray(), LIGHT, KdfParameters.DEFAULT_CEILING)) {
      weak = c.sealNext(PAYLOAD, 1, random);
    }
    KdfParameters floor = KdfParameters.argon2id(128, 2, 1);
    try (KeystoreCredentials c = new KeystoreCredentials("pw".toCharArray(), floor, KdfParameters.DEFAULT_CEILING)) {
      c.open(weak);
      byte[] upgraded = c.sealNext(PAYLOAD, 2, random);
      assertEquals(floor, SealedKeystore.kdfParameters(upgraded));
      assertFalse(Arrays.equals(salt(weak), salt(upgraded)));
      assertEquals(2, c.derivations());
    }
  }

  @Test
  void theCeilingRefusesBeforeDerivingAndAWrongPasswordStaysWrong() throws Exception {
    byte[] sealed = SealedKeystore.seal(PAYLOAD, "pw".toCharArray(), KdfParameters.argon2id(256, 1, 1), random);
    try (KeystoreCredentials c = new KeystoreCredentials("pw".toCharArray(), LIGHT, KdfParameters.argon2id(128, 1, 1))) {
      CorruptKeystoreException e = assertThrows(CorruptKeystoreException.class, () -> c.open(sealed));
      assertTrue(e.getMessage().contains("ceiling"), e.getMessage());
      assertEquals(0, c.derivations());
    }
    try (KeystoreCredentials c = new KeystoreCredentials("wrong".toCharArray(), LIGHT, KdfParameters.DEFAULT_CEILING)) {
      assertThrows(WrongPasswordException.class, () -> c.open(sealed));
      assertThrows(WrongPasswordException.class, () -> c.open(sealed));
    }
    KeystoreCredentials closed = new KeystoreCredentials("pw".toCharArray(), LIGHT, KdfParameters.DEFAULT_CEILING);
    closed.close();
    assertThrows(IllegalStateException.class, () -> closed.open(sealed));
    assertEquals("KeystoreCredentials[redacted]", closed.toString());
  }
}
