package io.mrk.bench.mrk;

import io.mrk.bench.AeadUnderTest;
import io.mrk.bench.JcaGcmKeys;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;

/**
 * MRK through reused JCA {@code Cipher}s, as its users call it per message: {@code init} with the key
 * only, {@code updateAAD}, {@code doFinal}.
 *
 * <p>MRK draws every nonce itself (a caller's IV is refused on encryption) from its own generator
 * (the {@code SecureRandom} the JCA passes to {@code init} is only mixed into its key), and writes it
 * into the ciphertext header with everything decryption needs; so decryption also takes no
 * parameters. Messages are encrypted with the us-east-1 handle and decrypted with the
 * eu-west-1 handle of the same multi-Region key.
 */
public final class MrkAead implements AeadUnderTest {

  private final JcaGcmKeys keys;
  private final Cipher encryptor;
  private final Cipher decryptor;

  public MrkAead(JcaGcmKeys keys) throws GeneralSecurityException {
    this.keys = keys;
    this.encryptor = Cipher.getInstance("AES/GCM/NoPadding");
    this.decryptor = Cipher.getInstance("AES/GCM/NoPadding");
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] aad) throws GeneralSecurityException {
    encryptor.init(Cipher.ENCRYPT_MODE, keys.encryptKey());
    encryptor.updateAAD(aad);
    return encryptor.doFinal(plaintext);
  }

  @Override
  public byte[] decrypt(byte[] message, byte[] aad) throws GeneralSecurityException {
    decryptor.init(Cipher.DECRYPT_MODE, keys.decryptKey());
    decryptor.updateAAD(aad);
    return decryptor.doFinal(message);
  }
}
