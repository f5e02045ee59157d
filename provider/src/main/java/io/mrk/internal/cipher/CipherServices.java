package io.mrk.internal.cipher;

import javax.crypto.CipherSpi;

/**
 * The cipher SPI of this package for the provider's service table: the SPI classes themselves are
 * package-private, so an application reaches them only through {@code Cipher.getInstance}.
 */
public final class CipherServices {

  private CipherServices() {}

  /** A new {@code AES/GCM/NoPadding} SPI (suite 1 for MRK keys, suite 2 for KMS-backed ones). */
  public static CipherSpi newAesGcm() {
    return new MrkCipherSpi();
  }

  /** The SPI's class name, as the service reports it (never resolved by reflection). */
  public static String aesGcmClassName() {
    return MrkCipherSpi.class.getName();
  }
}
