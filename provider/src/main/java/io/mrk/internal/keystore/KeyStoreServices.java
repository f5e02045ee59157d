package io.mrk.internal.keystore;

import java.security.KeyStoreSpi;

/**
 * The KeyStore SPI of this package for the provider's service table: the SPI classes themselves are
 * package-private, so an application reaches them only through {@code KeyStore.getInstance}.
 */
public final class KeyStoreServices {

  private KeyStoreServices() {}

  /** A new {@code MRK} KeyStore SPI (a sealed keystore file, or a KMS-backed descriptor). */
  public static KeyStoreSpi newMrk() {
    return new RoutingKeyStoreSpi();
  }

  /** The SPI's class name, as the service reports it (never resolved by reflection). */
  public static String mrkClassName() {
    return RoutingKeyStoreSpi.class.getName();
  }
}
