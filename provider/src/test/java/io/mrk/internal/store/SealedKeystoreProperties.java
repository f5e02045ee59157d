package io.mrk.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class SealedKeystoreProperties {

  private static final KdfParameters CHEAP = KdfParameters.argon2id(64, 1, 1);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int KDF_SALT_OFFSET = 23;

  @Property(tries = 200)
  void openReturnsWhatSealWasGiven(@ForAll @Size(max = 4096) byte[] payload, @ForAll("passwords") String password)
      throws Exception {
    byte[] sealed = SealedKeystore.seal(payload, password.toCharArray(), CHEAP, RANDOM);
    assertArrayEquals(payload, SealedKeystore.open(sealed, password.toCharArray()));
  }

  @Property(tries = 300)
  void anySingleBitFlipFailsWithACheckedException(@ForAll @Size(max = 512) byte[] payload,
      @ForAll("passwords") String password, @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where) {
    byte[] sealed = SealedKeystore.seal(payload, password.toCharArray(), CHEAP, RANDOM);
    int bit = where % (sealed.length * 8);
    sealed[bit / 8] ^= (byte) (1 << (bit % 8));
    assertThrows(KeystoreFileException.class, () -> SealedKeystore.open(sealed, password.toCharArray()));
  }

  /**
   * The checksum is unkeyed, so an attacker can recompute it; what stops them is the verifier and the
   * GCM tag over header and ciphertext. Flips start after the KDF costs, whose damage the limits and
   * verifier catch but only after a derivation that may legitimately cost up to 1 GiB.
   */
  @Property(tries = 200)
  void anyBitFlipBehindARecomputedChecksumStillFails(@ForAll @Size(max = 512) byte[] payload,
      @ForAll("passwords") String password, @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where) {
    byte[] sealed = SealedKeystore.seal(payload, password.toCharArray(), CHEAP, RANDOM);
    int firstBit = KDF_SALT_OFFSET * 8;
    int bit = firstBit + where % ((sealed.length - KeystoreHeader.DIGEST_BYTES) * 8 - firstBit);
    sealed[bit / 8] ^= (byte) (1 << (bit % 8));
    KeystoreHeader.writeDigest(sealed);
    assertThrows(KeystoreFileException.class, () -> SealedKeystore.open(sealed, password.toCharArray()));
  }

  /** Strings with a UTF-8 form: any code points, including supplementary ones as surrogate pairs. */
  @Provide
  Arbitrary<String> passwords() {
    return Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
        .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
        .list().ofMaxSize(40)
        .map(codePoints -> codePoints.stream()
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
  }
}
