package io.mrk.internal.keystore;

import io.mrk.spi.KeystoreBackend;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * A keystore descriptor: a small Java properties file that names a key source instead of holding
 * keys ({@code mrk.keystore=aws-kms}, then that source's settings). It is recognised only when the
 * bytes are not a sealed MRK keystore, are at most {@link #MAX_BYTES} long, parse as properties and
 * set {@code mrk.keystore}; the work is bounded before it is done.
 */
public final class KeystoreDescriptor {

  /** The largest descriptor read: far more than a list of Regions and endpoints needs. */
  public static final int MAX_BYTES = 64 * 1024;
  /** The property that makes a properties file a descriptor. */
  public static final String TYPE_PROPERTY = "mrk.keystore";

  private KeystoreDescriptor() {}

  /**
   * The descriptor in {@code bytes}, or empty when they are not one (too long, not properties, or no
   * {@code mrk.keystore}).
   */
  public static Optional<Properties> parse(byte[] bytes) {
    if (bytes == null || bytes.length > MAX_BYTES) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try {
      p.load(new ByteArrayInputStream(bytes));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
    String type = p.getProperty(TYPE_PROPERTY);
    return type == null || type.isBlank() ? Optional.empty() : Optional.of(p);
  }

  /** The backend that opens descriptors of {@code type}; a clear refusal when none is installed. */
  public static KeystoreBackend backendFor(String type) throws KeyStoreException {
    for (KeystoreBackend b : backends()) {
      if (b.type().equals(type)) {
        return b;
      }
    }
    throw new KeyStoreException(missing(type));
  }

  /** The backend whose typed parameter {@code param} is, if one is installed. */
  public static Optional<KeystoreBackend> backendAccepting(KeyStore.LoadStoreParameter param) {
    for (KeystoreBackend b : backends()) {
      if (b.accepts(param)) {
        return Optional.of(b);
      }
    }
    return Optional.empty();
  }

  private static String missing(String type) {
    return "aws-kms".equals(type)
        ? "the mrk-aws module is not on the class path: a descriptor with mrk.keystore=aws-kms needs"
            + " mrk-aws-<version>.jar and its dependencies (aws/target/lib) beside the MRK provider"
        : "no MRK keystore backend of type '" + type + "' is on the class path (known: aws-kms, from the mrk-aws module)";
  }

  private static Iterable<KeystoreBackend> backends() {
    ServiceLoader<KeystoreBackend> loader = ServiceLoader.load(KeystoreBackend.class,
        KeystoreBackend.class.getClassLoader());
    if (loader.findFirst().isPresent()) {
      return loader;
    }
    return ServiceLoader.load(KeystoreBackend.class);
  }
}
