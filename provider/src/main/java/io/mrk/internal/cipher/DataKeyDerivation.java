package io.mrk.internal.cipher;

import io.mrk.internal.key.KeyMaterial;
import io.mrk.internal.key.SecretAccess;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Derives a session's data key and commitment from a key's material and the header's bound prefix
 * with HKDF-SHA-256 (RFC 5869): PRK = Extract(salt, material), OKM = Expand(PRK, info, 64), data key =
 * OKM[0..32), commitment = OKM[32..64).
 *
 * <p>info = ASCII "MRK/v2 AES-256-GCM" || 0x00 || the header's bound prefix (version, suite, chunk
 * size, ARN length and ARN, material version, material id, salt; {@link CiphertextHeader}). The prefix
 * is self-delimiting, so the encoding is unambiguous, and a change to any of its bytes gives another
 * data key and another commitment: the commitment binds the material and the whole header but the
 * nonce (spec/ciphertext-format.md, "Commitment").
 *
 * <p>Wiping: the PRK, OKM and raw data key bytes are wiped in {@code finally}. The HMAC keys are
 * {@link WipeableKey}s, wiped right after {@code Mac.init} (SunJCE's HMAC wipes the copy it takes
 * from {@code getEncoded}, keeping only its padded key blocks, which die with the local {@code Mac}).
 * The data key itself lives in a {@code SecretKeySpec} for the life of its session; JDK 17 cannot
 * wipe one.
 */
final class DataKeyDerivation {

  static final int SALT_BYTES = 32;
  static final int COMMITMENT_BYTES = 32;
  private static final byte[] LABEL = "MRK/v2 AES-256-GCM".getBytes(StandardCharsets.US_ASCII);
  /** The label of suite 2, the KMS envelope (spec/ciphertext-suite-2.md, section 2). */
  static final byte[] ENVELOPE_LABEL = "MRK/v2 AES-256-GCM KMS envelope".getBytes(StandardCharsets.US_ASCII);
  private static final int HASH_BYTES = 32;

  /** This class reads key material to derive from it, and wipes its copy afterwards. */
  private static final SecretAccess SECRETS = SecretAccess.grantTo(MethodHandles.lookup());

  private DataKeyDerivation() {}

  /** As {@link #derive(byte[], byte[], int, byte[])} from {@code material}, whose copy is wiped after. */
  static DerivedKey derive(KeyMaterial material, byte[] bound, int boundLength, byte[] salt)
      throws GeneralSecurityException {
    byte[] key = material.bytes(SECRETS);
    try {
      return derive(LABEL, key, bound, boundLength, salt);
    } finally {
      wipe(key);
    }
  }

  /**
   * The data key and commitment for {@code material} and the bound prefix {@code bound[0..boundLength)}
   * whose salt is {@code salt}.
   */
  static DerivedKey derive(byte[] material, byte[] bound, int boundLength, byte[] salt)
      throws GeneralSecurityException {
    return derive(LABEL, material, bound, boundLength, salt);
  }

  /** As {@link #derive(byte[], byte[], int, byte[])}, with {@code label} before the 0x00 of the info. */
  static DerivedKey derive(byte[] label, byte[] material, byte[] bound, int boundLength, byte[] salt)
      throws GeneralSecurityException {
    if (salt.length != SALT_BYTES) {
      throw new InvalidKeyException("the salt must be " + SALT_BYTES + " bytes");
    }
    byte[] prk = null;
    byte[] okm = null;
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      // RFC 5869 section 2.2: PRK = HMAC-Hash(salt, IKM).
      init(hmac, salt);
      prk = hmac.doFinal(material);
      okm = expand(hmac, prk, label, bound, boundLength, AesGcmCore.KEY_BYTES + COMMITMENT_BYTES);
      byte[] keyBytes = Arrays.copyOfRange(okm, 0, AesGcmCore.KEY_BYTES);
      try {
        return new DerivedKey(AesGcmCore.key(keyBytes), Arrays.copyOfRange(okm, AesGcmCore.KEY_BYTES, okm.length));
      } finally {
        wipe(keyBytes);
      }
    } finally {
      wipe(prk);
      wipe(okm);
    }
  }

  /** RFC 5869 section 2.3: T(i) = HMAC-Hash(PRK, T(i-1) || info || i), OKM = the first L bytes. */
  private static byte[] expand(Mac hmac, byte[] prk, byte[] label, byte[] bound, int boundLength, int length)
      throws InvalidKeyException {
    init(hmac, prk);
    byte[] okm = new byte[length];
    byte[] t = new byte[0];
    int written = 0;
    for (int i = 1; written < length; i++) {
      hmac.update(t);
      hmac.update(label);
      hmac.update((byte) 0);
      hmac.update(bound, 0, boundLength);
      hmac.update((byte) i);
      wipe(t);
      t = hmac.doFinal();
      int n = Math.min(HASH_BYTES, length - written);
      System.arraycopy(t, 0, okm, written, n);
      written += n;
    }
    wipe(t);
    return okm;
  }

  private static void init(Mac hmac, byte[] keyBytes) throws InvalidKeyException {
    WipeableKey key = new WipeableKey(keyBytes, "HmacSHA256");
    try {
      hmac.init(key);
    } finally {
      key.destroy();
    }
  }

  private static void wipe(byte[] b) {
    if (b != null) {
      Arrays.fill(b, (byte) 0);
    }
  }

  /**
   * A secret key whose bytes can be wiped, unlike {@code SecretKeySpec} on JDK 17. It hands out
   * copies; after {@link #destroy()} it refuses to, so nothing can ever run on a zeroed key.
   */
  static final class WipeableKey implements SecretKey {

    private static final long serialVersionUID = 1L;
    private final transient byte[] bytes;
    private final String algorithm;
    private transient volatile boolean destroyed;

    WipeableKey(byte[] bytes, String algorithm) {
      this.bytes = bytes.clone();
      this.algorithm = algorithm;
    }

    @Override
    public String getAlgorithm() {
      return algorithm;
    }

    @Override
    public String getFormat() {
      return "RAW";
    }

    @Override
    public byte[] getEncoded() {
      if (destroyed) {
        throw new IllegalStateException("the key was destroyed");
      }
      return bytes.clone();
    }

    @Override
    public void destroy() {
      destroyed = true;
      Arrays.fill(bytes, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
      return destroyed;
    }

    @Override
    public String toString() {
      return "WipeableKey[" + algorithm + "]";
    }
  }
}
