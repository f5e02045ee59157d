package io.mrk.bench;

import java.security.Key;
import java.security.Provider;
import java.util.Objects;

/**
 * The provider and keys a JCA implementation encrypts and decrypts AES/GCM/NoPadding with.
 *
 * @param provider the provider to ask for the {@code Cipher}, or {@code null} for the JCA's delayed
 *     provider selection ({@code Cipher.getInstance("AES/GCM/NoPadding")} with no provider), which
 *     is how MRK is meant to be used
 * @param encryptKey the key messages are encrypted with
 * @param decryptKey the key messages are decrypted with; the same as {@code encryptKey} except for
 *     MRK, which decrypts with the handle of the same multi-Region key in another Region
 * @param providerChoosesNonce whether the provider draws the nonce itself and refuses a caller's IV
 *     (MRK, which writes it into the ciphertext): {@code init} then takes no parameters
 */
public record JcaGcmKeys(Provider provider, Key encryptKey, Key decryptKey, boolean providerChoosesNonce) {

  public JcaGcmKeys {
    Objects.requireNonNull(encryptKey, "encryptKey");
    Objects.requireNonNull(decryptKey, "decryptKey");
  }

  /** Keys of a provider that takes the caller's IV, as SunJCE, BC and ACCP do. */
  public JcaGcmKeys(Provider provider, Key encryptKey, Key decryptKey) {
    this(provider, encryptKey, decryptKey, false);
  }

  /** Keys used by delayed provider selection with a provider that draws its own nonces. */
  public static JcaGcmKeys choosingNonces(Key encryptKey, Key decryptKey) {
    return new JcaGcmKeys(null, encryptKey, decryptKey, true);
  }
}
