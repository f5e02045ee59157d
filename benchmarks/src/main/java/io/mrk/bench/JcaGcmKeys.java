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
 */
public record JcaGcmKeys(Provider provider, Key encryptKey, Key decryptKey) {

  public JcaGcmKeys {
    Objects.requireNonNull(encryptKey, "encryptKey");
    Objects.requireNonNull(decryptKey, "decryptKey");
  }
}
