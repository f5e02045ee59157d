package io.mrk.bench;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM through a reused JCA {@code Cipher}, as an application does it per message: a random
 * 12-byte IV from {@code SecureRandom}, then {@code init}, {@code updateAAD}, {@code doFinal}.
 *
 * <p>A message is {@code IV || ciphertext || tag}; {@code doFinal} writes straight after the IV so
 * no extra copy of the message is made. 96-bit IVs and 128-bit tags follow NIST SP 800-38D §5.2.1.1
 * and §5.2.1.2; random IVs follow §8.2.2.
 */
public final class JcaGcmAead implements AeadUnderTest {

  static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final int TAG_BYTES = TAG_BITS / 8;

  private final JcaGcmKeys keys;
  private final Cipher encryptor;
  private final Cipher decryptor;
  private final SecureRandom random = new SecureRandom();
  private final byte[] iv = new byte[IV_BYTES];

  public JcaGcmAead(JcaGcmKeys keys) throws GeneralSecurityException {
    this.keys = keys;
    this.encryptor = newCipher(keys);
    this.decryptor = newCipher(keys);
  }

  /** A {@code Cipher} from the keys' provider, or by delayed selection when it has none. */
  public static Cipher newCipher(JcaGcmKeys keys) throws GeneralSecurityException {
    return keys.provider() == null
        ? Cipher.getInstance(TRANSFORMATION)
        : Cipher.getInstance(TRANSFORMATION, keys.provider());
  }

  /** A GCM parameter spec with a fresh random IV, for one message. */
  public static GCMParameterSpec freshIv(SecureRandom random) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    return new GCMParameterSpec(TAG_BITS, iv);
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] aad) throws GeneralSecurityException {
    random.nextBytes(iv);
    encryptor.init(Cipher.ENCRYPT_MODE, keys.encryptKey(), new GCMParameterSpec(TAG_BITS, iv));
    encryptor.updateAAD(aad);
    byte[] message = new byte[IV_BYTES + plaintext.length + TAG_BYTES];
    System.arraycopy(iv, 0, message, 0, IV_BYTES);
    encryptor.doFinal(plaintext, 0, plaintext.length, message, IV_BYTES);
    return message;
  }

  @Override
  public byte[] decrypt(byte[] message, byte[] aad) throws GeneralSecurityException {
    if (message.length < IV_BYTES + TAG_BYTES) {
      throw new GeneralSecurityException("message shorter than IV and tag");
    }
    decryptor.init(
        Cipher.DECRYPT_MODE, keys.decryptKey(), new GCMParameterSpec(TAG_BITS, message, 0, IV_BYTES));
    decryptor.updateAAD(aad);
    return decryptor.doFinal(message, IV_BYTES, message.length - IV_BYTES);
  }
}
