package io.mrk.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SealedKeystoreTest {

  private static final KdfParameters CHEAP = KdfParameters.argon2id(64, 1, 1);
  private static final char[] PASSWORD = "correct horse battery staple".toCharArray();
  private static final byte[] PAYLOAD = "registry payload: three keys".getBytes(StandardCharsets.UTF_8);
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final int MEMORY_OFFSET = 11;
  private static final int SALT_OFFSET = 23;
  private static final int NONCE_OFFSET = 71;
  private static final int LENGTH_OFFSET = 83;

  @Test
  void opensWhatItSealed() throws Exception {
    byte[] sealed = SealedKeystore.seal(PAYLOAD, PASSWORD, CHEAP, RANDOM);
    assertEquals(KeystoreHeader.OVERHEAD_BYTES + PAYLOAD.length, sealed.length);
    assertArrayEquals(PAYLOAD, SealedKeystore.open(sealed, PASSWORD));
  }

  @Test
  void sealsAnEmptyPayload() throws Exception {
    byte[] sealed = SealedKeystore.seal(new byte[0], PASSWORD, CHEAP, RANDOM);
    assertArrayEquals(new byte[0], SealedKeystore.open(sealed, PASSWORD));
  }

  @Test
  void acceptsAnEmptyAndANonAsciiPassword() throws Exception {
    for (String password : List.of("", "pässwörd \uD83D\uDD11 鍵")) {
      byte[] sealed = SealedKeystore.seal(PAYLOAD, password.toCharArray(), CHEAP, RANDOM);
      assertArrayEquals(PAYLOAD, SealedKeystore.open(sealed, password.toCharArray()));
    }
  }

  @Test
  void everySealHasItsOwnSaltAndNonce() {
    byte[] first = SealedKeystore.seal(PAYLOAD, PASSWORD, CHEAP, RANDOM);
    byte[] second = SealedKeystore.seal(PAYLOAD, PASSWORD, CHEAP, RANDOM);
    assertFalse(Arrays.equals(first, SALT_OFFSET, SALT_OFFSET + 16, second, SALT_OFFSET, SALT_OFFSET + 16));
    assertFalse(Arrays.equals(first, NONCE_OFFSET, NONCE_OFFSET + 12, second, NONCE_OFFSET, NONCE_OFFSET + 12));
  }

  @Test
  void wrongPasswordIsReportedAsUnrecoverableKey() {
    byte[] sealed = SealedKeystore.seal(PAYLOAD, PASSWORD, CHEAP, RANDOM);
    WrongPasswordException e = assertThrows(WrongPasswordException.class,
        () -> SealedKeystore.open(sealed, "correct horse battery stapler".toCharArray()));
    assertInstanceOf(UnrecoverableKeyException.class, e.getCause());
    assertTrue(e.getMessage().contains("password"), e.getMessage());
  }

  @Test
  void passwordWithoutUtf8FormCannotSealAndNeverMatches() {
    char[] loneSurrogate = {'a', '\uD800'};
    assertThrows(IllegalArgumentException.class, () -> SealedKeystore.seal(PAYLOAD, loneSurrogate, CHEAP, RANDOM));
    byte[] sealed = SealedKeystore.seal(PAYLOAD, PASSWORD, CHEAP, RANDOM);
    assertThrows(WrongPasswordException.class, () -> SealedKeystore.open(sealed, loneSurrogate));
  }

  @Test
  void flippingAnyByteGivesACheckedExceptionAndNoPayload() {
    byte[] sealed = SealedKeystore.seal(PAYLOAD, PASSWORD, CHEAP, RANDOM);
    List<String> failures = new ArrayList<>();
    for (int position = 0; position < sealed.length; position++) {
      byte[] damaged = sealed.clone();
      damaged[position] ^= (byte) 0xA5;
      expectCheckedFailure(damaged, "byte " + position, failures);
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void truncationAtAnyLengthGivesACheckedException() {
    byte[] sealed = SealedKeystore.seal(PAYLOAD, PASSWORD, CHEAP, RANDOM);
    List<String> failures = new ArrayList<>();
    for (int length = 0; length < sealed.length; length++) {
      expectCheckedFailure(Arrays.copyOf(sealed, length), "length " + length, failures);
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void truncationIsNamedAsSuch() {
    byte[] sealed = SealedKeystore.seal(PAYLOAD, PASSWORD, CHEAP, RANDOM);
    for (int length : new int[] {3, 9, 50, sealed.length - 1}) {
      CorruptKeystoreException e = assertThrows(CorruptKeystoreException.class,
          () -> SealedKeystore.open(Arrays.copyOf(sealed, length), PASSWORD));
      assertTrue(e.getMessage().contains("truncated"), length + ": " + e.getMessage());
    }
  }

  @Test
  void trailingGarbageIsCorrupt() {
    byte[] sealed = SealedKeystore.seal(PAYLOAD, PASSWORD, CHEAP, RANDOM);
    byte[] longer = Arrays.copyOf(sealed, sealed.length + 1);
    assertThrows(CorruptKeystoreException.class, () -> SealedKeystore.open(longer, PASSWORD));
  }

  @Test
  void otherFilesAreNotMrkKeystores() {
    byte[] pkcs12Start = {0x30, (byte) 0x82, 0x0a, 0x1b, 0x02, 0x01, 0x03, 0x30, 0x00, 0x00};
    CorruptKeystoreException e =
        assertThrows(CorruptKeystoreException.class, () -> SealedKeystore.open(pkcs12Start, PASSWORD));
    assertTrue(e.getMessage().contains("not an MRK keystore"), e.getMessage());
    assertFalse(SealedKeystore.isMrkKeystore(pkcs12Start));
  }

  @Test
  void probeNeedsOnlyTheMagic() {
    byte[] sealed = SealedKeystore.seal(PAYLOAD, PASSWORD, CHEAP, RANDOM);
    assertEquals(8, SealedKeystore.PROBE_BYTES);
    assertTrue(SealedKeystore.isMrkKeystore(Arrays.copyOf(sealed, SealedKeystore.PROBE_BYTES)));
    assertTrue(SealedKeystore.isMrkKeystore(sealed));
    assertFalse(SealedKeystore.isMrkKeystore(Arrays.copyOf(sealed, SealedKeystore.PROBE_BYTES - 1)));
    assertFalse(SealedKeystore.isMrkKeystore(new byte[0]));
    assertFalse(SealedKeystore.isMrkKeystore(null));
  }

  @Test
  void futureVersionIsRefusedBeforeAnythingElseIsRead() {
    byte[] sealed = SealedKeystore.seal(PAYLOAD, PASSWORD, CHEAP, RANDOM);
    byte[] future = Arrays.copyOf(sealed, 10);
    future[8] = 0;
    future[9] = 2;
    UnsupportedKeystoreVersionException e =
        assertThrows(UnsupportedKeystoreVersionException.class, () -> SealedKeystore.open(future, PASSWORD));
    assertEquals(2, e.version());
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    assertTrue(SealedKeystore.isMrkKeystore(future));
  }

  @Test
  void versionZeroIsCorrupt() {
    byte[] sealed = SealedKeystore.seal(PAYLOAD, PASSWORD, CHEAP, RANDOM);
    sealed[9] = 0;
    KeystoreHeader.writeDigest(sealed);
    assertThrows(CorruptKeystoreException.class, () -> SealedKeystore.open(sealed, PASSWORD));
  }

  @Test
  void craftedKdfCostsBeyondTheLimitsAreRefusedWithoutDerivation() {
    long[][] crafted = {
        {0xFFFFFFFFL, 1, 1}, {KdfParameters.MAX_MEMORY_KIB + 1L, 1, 1}, {64, 0xFFFFFFFFL, 1},
        {64, KdfParameters.MAX_ITERATIONS + 1L, 1}, {1024, 1, KdfParameters.MAX_PARALLELISM + 1L}, {64, 1, 0},
        {64, 0, 1}, {4, 1, 1}};
    for (long[] kdf : crafted) {
      byte[] sealed = SealedKeystore.seal(PAYLOAD, PASSWORD, CHEAP, RANDOM);
      ByteBuffer.wrap(sealed).putInt(MEMORY_OFFSET, (int) kdf[0]).putInt(MEMORY_OFFSET + 4, (int) kdf[1])
          .putInt(MEMORY_OFFSET + 8, (int) kdf[2]);
      KeystoreHeader.writeDigest(sealed);
      CorruptKeystoreException e =
          assertThrows(CorruptKeystoreException.class, () -> SealedKeystore.open(sealed, PASSWORD));
      assertTrue(e.getMessage().contains("limits"), Arrays.toString(kdf) + ": " + e.getMessage());
    }
  }

  @Test
  void unknownKdfIdIsRefused() {
    byte[] sealed = SealedKeystore.seal(PAYLOAD, PASSWORD, CHEAP, RANDOM);
    sealed[10] = 2;
    KeystoreHeader.writeDigest(sealed);
    CorruptKeystoreException e = assertThrows(CorruptKeystoreException.class, () -> SealedKeystore.open(sealed, PASSWORD));
    assertTrue(e.getMessage().contains("KDF id 2"), e.getMessage());
  }

  @Test
  void craftedPayloadLengthIsALengthMismatch() {
    for (int length : new int[] {-1, Integer.MAX_VALUE, PAYLOAD.length + 1, PAYLOAD.length - 1}) {
      byte[] sealed = SealedKeystore.seal(PAYLOAD, PASSWORD, CHEAP, RANDOM);
      ByteBuffer.wrap(sealed).putInt(LENGTH_OFFSET, length);
      KeystoreHeader.writeDigest(sealed);
      assertThrows(CorruptKeystoreException.class, () -> SealedKeystore.open(sealed, PASSWORD));
    }
  }

  @Test
  void damageBehindARecomputedChecksumIsReportedAsTampering() {
    for (int position : new int[] {NONCE_OFFSET, KeystoreHeader.BYTES, KeystoreHeader.BYTES + PAYLOAD.length + 3}) {
      byte[] sealed = SealedKeystore.seal(PAYLOAD, PASSWORD, CHEAP, RANDOM);
      sealed[position] ^= 1;
      KeystoreHeader.writeDigest(sealed);
      CorruptKeystoreException e =
          assertThrows(CorruptKeystoreException.class, () -> SealedKeystore.open(sealed, PASSWORD));
      assertTrue(e.getMessage().contains("tampered"), position + ": " + e.getMessage());
    }
  }

  @Test
  void accidentalDamageIsReportedAsAChecksumMismatch() {
    byte[] sealed = SealedKeystore.seal(PAYLOAD, PASSWORD, CHEAP, RANDOM);
    sealed[KeystoreHeader.BYTES + 1] ^= 1;
    CorruptKeystoreException e = assertThrows(CorruptKeystoreException.class, () -> SealedKeystore.open(sealed, PASSWORD));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
  }

  @Test
  void saltChangedBehindARecomputedChecksumReadsAsAWrongPassword() {
    byte[] sealed = SealedKeystore.seal(PAYLOAD, PASSWORD, CHEAP, RANDOM);
    sealed[SALT_OFFSET] ^= 1;
    KeystoreHeader.writeDigest(sealed);
    assertThrows(WrongPasswordException.class, () -> SealedKeystore.open(sealed, PASSWORD));
  }

  @Test
  void kdfParametersAreReadWithoutThePassword() throws Exception {
    KdfParameters kdf = KdfParameters.argon2id(128, 2, 2);
    byte[] sealed = SealedKeystore.seal(PAYLOAD, PASSWORD, kdf, RANDOM);
    assertEquals(kdf, SealedKeystore.kdfParameters(sealed));
  }

  @Test
  void messagesNeverCarryPasswordOrPayload() {
    byte[] sealed = SealedKeystore.seal(PAYLOAD, PASSWORD, CHEAP, RANDOM);
    KeystoreFileException e = assertThrows(KeystoreFileException.class,
        () -> SealedKeystore.open(sealed, "secret-guess".toCharArray()));
    assertFalse(e.getMessage().contains("secret-guess"));
    assertFalse(e.getMessage().contains("registry payload"));
  }

  private static void expectCheckedFailure(byte[] damaged, String what, List<String> failures) {
    try {
      byte[] payload = SealedKeystore.open(damaged, PASSWORD);
      failures.add(what + ": opened and returned " + payload.length + " bytes");
    } catch (KeystoreFileException expected) {
      if (expected.getMessage() == null || expected.getMessage().isEmpty()) {
        failures.add(what + ": " + expected.getClass().getSimpleName() + " without a message");
      }
    } catch (RuntimeException unchecked) {
      failures.add(what + ": unchecked " + unchecked);
    }
  }
}
