package io.mrk.spi;

import java.io.IOException;
import java.security.KeyStore;
import java.util.Properties;

/**
 * A source of keys that the {@code MRK} KeyStore delegates to instead of a sealed keystore file,
 * found with {@link java.util.ServiceLoader}. The module {@code io.mrk.aws} provides the one for AWS
 * KMS ({@code mrk.keystore=aws-kms}); the core provider names no implementation and carries no SDK.
 */
public interface KeystoreBackend {

  /** The value of {@code mrk.keystore} in a descriptor this backend opens, e.g. {@code aws-kms}. */
  String type();

  /** Opens the store a validated descriptor describes; the password of {@code KeyStore.load} plays no part. */
  ExternalKeyStore open(Properties descriptor) throws IOException;

  /** Whether {@code param} is this backend's typed load parameter. */
  boolean accepts(KeyStore.LoadStoreParameter param);

  /** Opens the store {@code param} describes; called only when {@link #accepts} said so. */
  ExternalKeyStore open(KeyStore.LoadStoreParameter param) throws IOException;
}
