package io.mrk.internal.cipher;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives a message session's data key and key commitment from a key's material with HKDF-SHA-256
 * (RFC 5869): PRK = Extract(salt, material), OKM = Expand(PRK, info, 64), data key = OKM[0..32),
 * commitment = OKM[32..64).
 *
 * <p>info = ASCII "MRK/v1 AES-256-GCM data key" || 0x00 || key id || u32 material version. The key id
 * is the Region-free one, so every Region of a multi-Region key derives the same data key; the label
 * ends in a zero byte that cannot occur in a key id, and the version is fixed-length, so the encoding
 * is unambiguous. Deriving the commitment from the same OKM makes the ciphertext key-committing, as
 * in the AWS Encryption SDK's committing suites.
 */
final class DataKeyDerivation {

  static final int SALT_BYTES = 32;
  static final int COMMITMENT_BYTES = 32;
  private static final byte[] LABEL = "MRK/v1 AES-256-GCM data key".getBytes(StandardCharsets.US_ASCII);
  private static final int HASH_BYTES = 32;

  private DataKeyDerivation() {}

  /** The data key and commitment for {@code material} (version {@code version} of {@code keyId}). */
  static DerivedKey derive(byte[] material, String keyId, int version, byte[] salt)
      throws GeneralSecurityException {
    if (salt.length != SALT_BYTES) {
      throw new InvalidKeyException("the salt must be " + SALT_BYTES + " bytes");
    }
    byte[] prk = null;
    byte[] okm = null;
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      // RFC 5869 section 2.2: PRK = HMAC-Hash(salt, IKM).
      hmac.init(new SecretKeySpec(salt, "HmacSHA256"));
      prk = hmac.doFinal(material);
      okm = expand(hmac, prk, info(keyId, version), AesGcmCore.KEY_BYTES + COMMITMENT_BYTES);
      byte[] keyBytes = Arrays.copyOfRange(okm, 0, AesGcmCore.KEY_BYTES);
      SecretKeySpec dataKey;
      try {
        dataKey = AesGcmCore.key(keyBytes);
      } finally {
        wipe(keyBytes);
      }
      byte[] commitment = Arrays.copyOfRange(okm, AesGcmCore.KEY_BYTES, okm.length);
      return new DerivedKey(dataKey, commitment);
    } finally {
      wipe(prk);
      wipe(okm);
    }
  }

  /** RFC 5869 section 2.3: T(i) = HMAC-Hash(PRK, T(i-1) || info || i), OKM = the first L bytes. */
  private static byte[] expand(Mac hmac, byte[] prk, byte[] info, int length) throws InvalidKeyException {
    hmac.init(new SecretKeySpec(prk, "HmacSHA256"));
    byte[] okm = new byte[length];
    byte[] t = new byte[0];
    int written = 0;
    for (int i = 1; written < length; i++) {
      hmac.update(t);
      hmac.update(info);
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

  private static byte[] info(String keyId, int version) {
    byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
    byte[] info = new byte[LABEL.length + 1 + id.length + 4];
    System.arraycopy(LABEL, 0, info, 0, LABEL.length);
    System.arraycopy(id, 0, info, LABEL.length + 1, id.length);
    int v = LABEL.length + 1 + id.length;
    info[v] = (byte) (version >>> 24);
    info[v + 1] = (byte) (version >>> 16);
    info[v + 2] = (byte) (version >>> 8);
    info[v + 3] = (byte) version;
    return info;
  }

  private static void wipe(byte[] b) {
    if (b != null) {
      Arrays.fill(b, (byte) 0);
    }
  }
}
