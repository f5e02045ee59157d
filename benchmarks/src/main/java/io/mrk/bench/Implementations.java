package io.mrk.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Security;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The implementations under comparison, by the names the {@code impl} JMH parameter takes.
 *
 * <p>SunJCE, BC, ACCP, Tink and ESDK are built in; further JCA sources (MRK) come from
 * {@link ServiceLoader} so they are present only when built in. Peers that need no installation
 * are passed to {@code Cipher.getInstance} as provider objects and never installed, so they cannot
 * change which provider a no-provider {@code getInstance} picks.
 */
public final class Implementations {

  /** The baseline every ratio in the report is taken against. */
  public static final String BASELINE = "SunJCE";

  private static final int AES_256_KEY_BYTES = 32;

  private Implementations() {}

  /** Every implementation name this build knows, baseline first. */
  public static List<String> names() {
    List<String> names = new ArrayList<>(List.of(BASELINE, "BC", "ACCP"));
    names.addAll(pluggedJcaSources().keySet());
    names.addAll(List.of("Tink", "ESDK"));
    return names;
  }

  /** A fresh instance of {@code name} with new keys, for one thread. */
  public static AeadUnderTest open(String name)
      throws GeneralSecurityException, ImplementationUnavailableException {
    return switch (name) {
      case "Tink" -> TinkAead.generate();
      case "ESDK" -> EsdkAead.generate(randomKeyBytes());
      default -> {
        JcaKeySource source = pluggedJcaSources().get(name);
        yield source != null ? source.openAead() : new JcaGcmAead(jcaKeys(name));
      }
    };
  }

  /** The provider and keys of the JCA implementation {@code name}. */
  public static JcaGcmKeys jcaKeys(String name)
      throws GeneralSecurityException, ImplementationUnavailableException {
    switch (name) {
      case BASELINE:
        return rawKeys(Security.getProvider("SunJCE"));
      case "BC":
        return rawKeys(new BouncyCastleProvider());
      case "ACCP":
        Throwable loadingError = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
        if (loadingError != null) {
          throw new ImplementationUnavailableException("ACCP did not load: " + loadingError);
        }
        return rawKeys(AmazonCorrettoCryptoProvider.INSTANCE);
      default:
        JcaKeySource source = pluggedJcaSources().get(name);
        if (source == null) {
          throw new ImplementationUnavailableException(
              name + " is not in this build (MRK needs the -Pmrk profile); known: " + names());
        }
        return source.open();
    }
  }

  private static Map<String, JcaKeySource> pluggedJcaSources() {
    Map<String, JcaKeySource> sources = new LinkedHashMap<>();
    for (JcaKeySource source : ServiceLoader.load(JcaKeySource.class)) {
      sources.put(source.name(), source);
    }
    return sources;
  }

  private static JcaGcmKeys rawKeys(java.security.Provider provider) {
    SecretKeySpec key = new SecretKeySpec(randomKeyBytes(), "AES");
    return new JcaGcmKeys(provider, key, key);
  }

  private static byte[] randomKeyBytes() {
    byte[] key = new byte[AES_256_KEY_BYTES];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
