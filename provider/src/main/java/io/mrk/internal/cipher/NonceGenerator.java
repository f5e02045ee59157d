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
 * <p>Nonce i = the first 12 bytes of AES-256_K(u64 i || u64 System.nanoTime()), a block cipher in
 * counter mode as in NIST SP 800-90A's CTR_DRBG (section 10.2.1, without derivation function):
 * distinct inputs under one key give distinct blocks, so one generator never repeats a block, and
 * independent keys make generators independent. K = SHA-256(label || 32 bytes of
 * {@code SecureRandom.getInstanceStrong()} || 32 bytes of the caller's random, when given): the
 * caller's bytes are mixed in, never used alone, so a deterministic caller cannot lower the entropy.
 * K is renewed every {@link #RESEED_INTERVAL} nonces.
 *
 * <p>Clones: a JVM restored twice from one snapshot (VM snapshot, CRaC) holds the same K and counter
 * in both copies; the time in each block makes their nonces differ unless both read the same
 * {@code nanoTime} at the same counter value, and the next reseed draws fresh system entropy (which
 * itself differs only once the kernel has reseeded, as Linux does on a VM generation change). Java
 * has no {@code fork}. Not thread-safe, like the cipher object that owns it.
 */
final class NonceGenerator implements NonceSource {

  /** Nonces between two draws from the system's strong source. */
  static final long RESEED_INTERVAL = 1L << 16;
  private static final byte[] LABEL = "MRK/v2 nonce generator key".getBytes(StandardCharsets.US_ASCII);
  private static final int SEED_BYTES = 32;

  private final byte[] block = new byte[16];
  private final byte[] out = new byte[16];
  private Cipher aes;
  private SecureRandom strong;
  private long counter;
  private long untilReseed;

  @Override
  public void next(byte[] nonce, SecureRandom callerRandom) {
    if (untilReseed == 0) {
      reseed(callerRandom);
    }
    untilReseed--;
    CiphertextHeader.putInt(block, 0, (int) (counter >>> 32));
    CiphertextHeader.putInt(block, 4, (int) counter);
    long t = System.nanoTime();
    CiphertextHeader.putInt(block, 8, (int) (t >>> 32));
    CiphertextHeader.putInt(block, 12, (int) t);
    counter++;
    try {
      aes.update(block, 0, 16, out, 0);
    } catch (GeneralSecurityException e) {
      throw new ProviderException("the nonce generator failed", e);
    }
    System.arraycopy(out, 0, nonce, 0, AesGcmCore.NONCE_BYTES);
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
