package io.mrk.internal.cipher;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Provider;
import java.security.ProviderException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a 96-bit nonce and a 128-bit tag, and nothing else (NIST SP 800-38D).
 *
 * <p>It delegates to the {@code AES/GCM/NoPadding} of the provider {@link AesGcmEngine} chooses (ACCP
 * when present, else SunJCE with the JDK's AES and GHASH intrinsics), reached by provider object so
 * that MRK can never route back to itself. One instance per cipher object, re-initialised per chunk;
 * both engines keep the AES key schedule while the key stays the same. Not thread-safe.
 */
final class AesGcmCore {

  static final int KEY_BYTES = 32;
  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;
  static final int TAG_BITS = TAG_BYTES * 8;

  private final Cipher gcm;

  AesGcmCore() {
    this(AesGcmEngine.select());
  }

  AesGcmCore(Provider engine) {
    try {
      gcm = Cipher.getInstance("AES/GCM/NoPadding", engine);
    } catch (GeneralSecurityException e) {
      throw new ProviderException("MRK needs AES/GCM/NoPadding from " + engine.getName(), e);
    }
  }

  /** The provider doing the work. */
  Provider engine() {
    return gcm.getProvider();
  }

  /** A key for this core; refuses anything but 256 bits (AES-128 and AES-192 are not offered). */
  static SecretKeySpec key(byte[] bytes) throws InvalidKeyException {
    if (bytes == null || bytes.length != KEY_BYTES) {
      throw new InvalidKeyException("AES-256-GCM needs a " + KEY_BYTES + "-byte key, got "
          + (bytes == null ? "none" : bytes.length + " bytes"));
    }
    return new SecretKeySpec(bytes, "AES");
  }

  /**
   * Checks the GCM parameters: a 96-bit nonce (SP 800-38D section 8.2, the only length without the
   * GHASH-derived counter) and a 128-bit tag (section 5.2.1.2; shorter tags weaken forgery bounds).
   */
  static void checkParameters(int nonceBytes, int tagBits) throws InvalidAlgorithmParameterException {
    if (nonceBytes != NONCE_BYTES) {
      throw new InvalidAlgorithmParameterException(
          "AES-256-GCM here takes a " + NONCE_BYTES + "-byte nonce only, got " + nonceBytes + " bytes");
    }
    if (tagBits != TAG_BITS) {
      throw new InvalidAlgorithmParameterException(
          "AES-256-GCM here produces " + TAG_BITS + "-bit tags only, got " + tagBits + " bits");
    }
  }

  /**
   * Encrypts {@code in} and appends the tag; returns the bytes written ({@code len + TAG_BYTES}). The
   * first {@code aadLen} bytes of {@code aad} are authenticated.
   */
  int seal(SecretKeySpec key, byte[] nonce, byte[] aad, int aadLen,
           byte[] in, int inOff, int len, byte[] out, int outOff) throws GeneralSecurityException {
    start(Cipher.ENCRYPT_MODE, key, nonce, aad, aadLen);
    return gcm.doFinal(in, inOff, len, out, outOff);
  }

  /**
   * Verifies and decrypts {@code in} (ciphertext followed by its tag) with the first {@code aadLen}
   * bytes of {@code aad}; returns the plaintext length.
   *
   * @throws AEADBadTagException when the tag does not verify; no plaintext counts as released then
   */
  int open(SecretKeySpec key, byte[] nonce, byte[] aad, int aadLen,
           byte[] in, int inOff, int len, byte[] out, int outOff) throws GeneralSecurityException {
    start(Cipher.DECRYPT_MODE, key, nonce, aad, aadLen);
    return finish(in, inOff, len, out, outOff);
  }

  private int finish(byte[] in, int inOff, int len, byte[] out, int outOff) throws GeneralSecurityException {
    if (len < TAG_BYTES) {
      throw new AEADBadTagException("ciphertext shorter than its " + TAG_BYTES + "-byte tag");
    }
    try {
      return gcm.doFinal(in, inOff, len, out, outOff);
    } catch (ShortBufferException e) {
      throw new ProviderException("output sized by MRK was too small", e);
    }
  }

  private void start(int mode, SecretKeySpec key, byte[] nonce, byte[] aad, int aadLen)
      throws GeneralSecurityException {
    checkParameters(nonce.length, TAG_BITS);
    gcm.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    if (aadLen > 0) {
      gcm.updateAAD(aad, 0, aadLen);
    }
  }
}
