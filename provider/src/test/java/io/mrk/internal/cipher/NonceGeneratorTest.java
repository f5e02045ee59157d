package io.mrk.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.mrk.MrkKey;
import io.mrk.MrkProvider;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, problem 1: the caller's SecureRandom must never decide a nonce under a data key other
 * callers share. On format 1, two ciphers given SHA1PRNG seeded with 42 repeated (K_d, N), which gave
 * away the GHASH key and allowed a forgery on another caller's message.
 */
class NonceGeneratorTest {

  private static final Provider MRK = new MrkProvider();
  private final FakeKeys keys = FakeKeys.multiRegion(10, "eu-west-1", "us-east-1");
  private final MrkKey eu = keys.handle("eu-west-1");

  private static SecureRandom seeded42() throws Exception {
    SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
    r.setSeed(42);
    return r;
  }

  @Test
  void aDeterministicCallerRandomDoesNotRepeatNoncesAcrossCiphers() throws Exception {
    Cipher a = Cipher.getInstance("AES/GCM/NoPadding", MRK);
    Cipher b = Cipher.getInstance("AES/GCM/NoPadding", MRK);
    a.init(Cipher.ENCRYPT_MODE, eu, seeded42());
    b.init(Cipher.ENCRYPT_MODE, eu, seeded42());
    byte[] ctA = a.doFinal(new byte[32]);
    byte[] ctB = b.doFinal(new byte[32]);
    assertEquals(HexFormat.of().formatHex(CiphertextHeader.parse(ctA, 0, ctA.length).salt()),
        HexFormat.of().formatHex(CiphertextHeader.parse(ctB, 0, ctB.length).salt()), "one shared session");
    assertFalse(Arrays.equals(TestCiphers.nonce(ctA), TestCiphers.nonce(ctB)),
        "the caller's seeded SHA1PRNG decided the nonce");
  }

  @Test
  void aConstantCallerRandomStillGivesDistinctNonces() throws Exception {
    Set<String> seen = new HashSet<>();
    for (int c = 0; c < 20; c++) {
      Cipher enc = Cipher.getInstance("AES/GCM/NoPadding", MRK);
      enc.init(Cipher.ENCRYPT_MODE, eu, new FixedSecureRandom(new byte[] {7}));
      for (int i = 0; i < 50; i++) {
        seen.add(HexFormat.of().formatHex(TestCiphers.nonce(enc.doFinal(new byte[1]))));
      }
    }
    assertEquals(1_000, seen.size());
  }

  @Test
  void oneGeneratorNeverRepeatsAndReseedsWithoutBreakingStride() {
    NonceGenerator g = new NonceGenerator();
    Set<String> seen = new HashSet<>();
    byte[] nonce = new byte[12];
    SecureRandom constant = new FixedSecureRandom(new byte[] {1, 2, 3});
    long n = NonceGenerator.RESEED_INTERVAL + 1_000;
    for (long i = 0; i < n; i++) {
      g.next(nonce, i % 2 == 0 ? constant : null);
      seen.add(HexFormat.of().formatHex(nonce));
    }
    assertEquals(n, seen.size());
  }
}
