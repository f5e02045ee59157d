package io.mrk.internal.cipher;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * The base nonces of one cipher object: MRK's own CSPRNG, so that no caller's {@link SecureRandom}
 * (a seeded {@code SHA1PRNG}, a constant one) decides a nonce under a data key other callers share.
 *
 * <p>Nonce i = the first 12 bytes of AES-256_K(u64 i || 0^64) XOR (0^32 || u64 System.nanoTime()):
 * AES-256 in counter mode, as NIST SP 800-90A's CTR_DRBG generates (section 10.2.1, without a
 * derivation function), its blocks made {@link #BATCH} at a time. Counter blocks never repeat under
 * one key, so a nonce is a fresh pseudo-random 96-bit value, and independent keys make generators
 * independent. K = SHA-256(label || 32 bytes of {@code SecureRandom.getInstanceStrong()} || 32 bytes
 * of the caller's random, when given): the caller's bytes are mixed in, never used alone, so a
 * deterministic caller cannot lower the entropy. K is renewed every {@link #RESEED_INTERVAL} nonces.
 *
 * <p>Clones: a JVM restored twice from one snapshot (VM snapshot, CRaC) holds the same K, counter and
 * buffered blocks in both copies; the time XORed into each nonce makes the copies' nonces differ
 * unless both read the same {@code nanoTime} at the same counter value, and the next reseed draws
 * fresh system entropy (which itself differs only once the kernel has reseeded, as Linux does on a VM
 * generation change). Java has no {@code fork}. Not thread-safe, like the cipher object that owns it.
 */
final class NonceGenerator implements NonceSource {

  /** Nonces between two draws from the system's strong source. */
  static final long RESEED_INTERVAL = 1L << 16;
  /** Counter blocks encrypted per AES call. */
  static final int BATCH = 64;
  private static final int BLOCK = 16;
  private static final byte[] LABEL = "MRK/v2 nonce generator key".getBytes(StandardCharsets.US_ASCII);
  private static final int SEED_BYTES = 32;

  private final byte[] counters = new byte[BATCH * BLOCK];
  private final byte[] blocks = new byte[BATCH * BLOCK];
  private Cipher aes;
  private SecureRandom strong;
  private long counter;
  private long untilReseed;
  private int next = BATCH;

  @Override
  public void next(byte[] nonce, SecureRandom callerRandom) {
    if (untilReseed == 0) {
      reseed(callerRandom);
    }
    if (next == BATCH) {
      refill();
    }
    untilReseed--;
    int at = next++ * BLOCK;
    long t = System.nanoTime();
    System.arraycopy(blocks, at, nonce, 0, AesGcmCore.NONCE_BYTES);
    Arrays.fill(blocks, at, at + BLOCK, (byte) 0);
    for (int i = 0; i < 8; i++) {
      nonce[4 + i] ^= (byte) (t >>> (56 - 8 * i));
    }
  }

  private void refill() {
    for (int b = 0; b < BATCH; b++) {
      CiphertextHeader.putInt(counters, b * BLOCK, (int) (counter >>> 32));
      CiphertextHeader.putInt(counters, b * BLOCK + 4, (int) counter);
      counter++;
    }
    try {
      aes.update(counters, 0, counters.length, blocks, 0);
    } catch (GeneralSecurityException e) {
      throw new ProviderException("the nonce generator failed", e);
    }
    next = 0;
  }
  private void reseed(SecureRandom callerRandom) {
    byte[] seed = new byte[SEED_BYTES];
    byte[] mixed = new byte[SEED_BYTES];
    byte[] key = null;
    DataKeyDerivation.WipeableKey k = null;
    try {
      if (strong == null) {
        strong = SecureRandom.getInstanceStrong();
        aes = Cipher.getInstance("AES/ECB/NoPadding", "SunJCE");
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(LABEL);
      strong.nextBytes(seed);
      sha.update(seed);
      if (callerRandom != null) {
        callerRandom.nextBytes(mixed);
        sha.update(mixed);
      }
      key = sha.digest();
      k = new DataKeyDerivation.WipeableKey(key, "AES");
      aes.init(Cipher.ENCRYPT_MODE, k);
      counter = 0;
      next = BATCH;
      untilReseed = RESEED_INTERVAL;
    } catch (NoSuchAlgorithmException e) {
      throw new ProviderException("MRK needs a strong SecureRandom, SHA-256 and AES", e);
    } catch (GeneralSecurityException e) {
      throw new ProviderException("the nonce generator could not be keyed", e);
    } finally {
      Arrays.fill(seed, (byte) 0);
      Arrays.fill(mixed, (byte) 0);
      if (key != null) {
        Arrays.fill(key, (byte) 0);
      }
      if (k != null) {
        k.destroy();
      }
    }
  }
}
