package io.mrk.internal.cipher;

import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.ProviderException;
import java.security.Security;
import java.util.Arrays;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Chooses the provider that runs MRK's inner AES-256-GCM: Amazon Corretto Crypto Provider when it
 * is on the class path (or installed) and passes a known-answer check, otherwise SunJCE.
 *
 * <p>The system property {@value #PROPERTY} decides per new MRK cipher object: {@code auto} (the
 * default), {@code SunJCE} (force the JDK's engine) or {@code ACCP} (require ACCP; fail if it is
 * absent). The engine is always a named provider object, never MRK, so MRK can never route to
 * itself. The first choice is logged once (logger {@code io.mrk.cipher}, level INFO) and
 * {@link #describe()} names it. Whether ACCP is present is found once per class loader and never
 * changes; nothing else is remembered.
 */
final class AesGcmEngine {

  static final String PROPERTY = "mrk.cipher.engine";
  static final String ACCP_NAME = "AmazonCorrettoCryptoProvider";
  private static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";
  private static final System.Logger LOG = System.getLogger("io.mrk.cipher");

  private AesGcmEngine() {}

  /** ACCP found and checked once; the holder idiom makes it a lazily computed constant. */
  private static final class Accp {
    static final Provider PROVIDER = find();
    static final String DESCRIPTION;

    static {
      String choice = PROVIDER != null
          ? PROVIDER.getName() + " " + PROVIDER.getVersionStr() + " (set -D" + PROPERTY + "=SunJCE to use SunJCE)"
          : "SunJCE (" + ACCP_NAME + " is not on the class path or failed its check)";
      DESCRIPTION = choice;
      LOG.log(Level.INFO, "MRK AES-GCM engine (" + PROPERTY + "=auto): " + choice);
    }
  }

  /** The provider a new MRK cipher object uses, as {@value #PROPERTY} says. */
  static Provider select() {
    String wanted = System.getProperty(PROPERTY, "auto");
    switch (wanted) {
      case "SunJCE":
        return sunJce();
      case "ACCP":
        if (Accp.PROVIDER == null) {
          throw new ProviderException(PROPERTY + "=ACCP, but " + ACCP_NAME + " is not on the class path "
              + "or failed its known-answer check");
        }
        return Accp.PROVIDER;
      case "auto":
        return Accp.PROVIDER != null ? Accp.PROVIDER : sunJce();
      default:
        throw new ProviderException(PROPERTY + " must be auto, SunJCE or ACCP, not " + wanted);
    }
  }

  /** What {@code auto} chooses in this JVM, in words. */
  static String describe() {
    return Accp.DESCRIPTION;
  }

  private static Provider sunJce() {
    Provider p = Security.getProvider("SunJCE");
    if (p == null) {
      throw new ProviderException("MRK needs SunJCE's AES/GCM/NoPadding, which this JDK does not offer");
    }
    return p;
  }

  private static Provider find() {
    try {
      Provider p = Security.getProvider(ACCP_NAME);
      if (p == null) {
        // Loads the provider classes named in META-INF/services, instantiating ACCP's only.
        Optional<Provider> found = ServiceLoader.load(Provider.class, AesGcmEngine.class.getClassLoader())
            .stream()
            .filter(s -> s.type().getName().equals(ACCP_CLASS))
            .map(ServiceLoader.Provider::get)
            .findFirst();
        p = found.orElse(null);
      }
      return p != null && agreesWithSunJce(p) ? p : null;
    } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
      LOG.log(Level.WARNING, "MRK: " + ACCP_NAME + " could not be loaded; using SunJCE", e);
      return null;
    }
  }

  /** One AES-256-GCM encryption (a block, with AAD) must give SunJCE's bytes; ACCP's native code may be absent. */
  private static boolean agreesWithSunJce(Provider p) {
    if (p.getName().equals("MRK")) {
      return false;
    }
    try {
      byte[] key = new byte[AesGcmCore.KEY_BYTES];
      Arrays.fill(key, (byte) 0x5a);
      byte[] nonce = new byte[AesGcmCore.NONCE_BYTES];
      byte[] data = new byte[33];
      return Arrays.equals(encrypt(p, key, nonce, data), encrypt(sunJce(), key, nonce, data));
    } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "MRK: " + p.getName() + " failed its AES-GCM check; using SunJCE", e);
      return false;
    }
  }

  private static byte[] encrypt(Provider p, byte[] key, byte[] nonce, byte[] data) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding", p);
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(AesGcmCore.TAG_BITS, nonce));
    c.updateAAD(new byte[] {1, 2, 3});
    return c.doFinal(data);
  }
}
