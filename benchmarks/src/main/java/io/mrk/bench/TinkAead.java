package io.mrk.bench;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;

/**
 * Google Tink's {@code AES256_GCM} {@link Aead} with a keyset generated once.
 *
 * <p>Tink draws the 12-byte IV itself and prefixes a 5-byte key id, so its messages are 5 bytes
 * longer than the JCA ones; it runs on the JDK's AES/GCM underneath.
 */
final class TinkAead implements AeadUnderTest {

  private final Aead aead;

  private TinkAead(Aead aead) {
    this.aead = aead;
  }

  static TinkAead generate() throws GeneralSecurityException {
    AeadConfig.register();
    KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
    return new TinkAead(keyset.getPrimitive(RegistryConfiguration.get(), Aead.class));
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] aad) throws GeneralSecurityException {
    return aead.encrypt(plaintext, aad);
  }

  @Override
  public byte[] decrypt(byte[] message, byte[] aad) throws GeneralSecurityException {
    return aead.decrypt(message, aad);
  }
}
