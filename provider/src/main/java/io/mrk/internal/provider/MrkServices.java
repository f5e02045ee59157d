package io.mrk.internal.provider;

import io.mrk.MrkKey;
import io.mrk.internal.cipher.CipherServices;
import io.mrk.internal.keystore.KeyStoreServices;
import java.security.Provider;
import java.util.List;
import java.util.Map;

/**
 * The MRK provider's service table. Each entry builds its SPI directly (no class name resolved by
 * reflection); add a service by adding one line to {@link #services}.
 */
public final class MrkServices {

  private MrkServices() {}

  /** The services {@code provider} offers. */
  public static List<Provider.Service> services(Provider provider) {
    return List.of(
        new MrkKeyService(provider, "Cipher", "AES/GCM/NoPadding", CipherServices.aesGcmClassName(),
            List.of("AES_256/GCM/NoPadding"), CipherServices::newAesGcm),
        new SimpleService(provider, "KeyStore", "MRK", KeyStoreServices.mrkClassName(), KeyStoreServices::newMrk));
  }

  /** A service with no key restriction (the KeyStore), built without reflection. */
  private static final class SimpleService extends Provider.Service {

    private final SpiFactory factory;

    SimpleService(Provider provider, String type, String algorithm, String spiClass, SpiFactory factory) {
      super(provider, type, algorithm, spiClass, List.of(), Map.of());
      this.factory = factory;
    }

    @Override
    public Object newInstance(Object constructorParameter) {
      return factory.create();
    }
  }

  /**
   * A service that accepts MRK key handles only. {@code SupportedKeyClasses} documents it for tools;
   * the override of {@link #supportsParameter} is what makes the JCA's delayed provider selection
   * hand an {@link MrkKey} to MRK even when MRK is the last provider, and any other key to the next.
   */
  private static final class MrkKeyService extends Provider.Service {

    private final SpiFactory factory;

    MrkKeyService(Provider provider, String type, String algorithm, String spiClass,
                  List<String> aliases, SpiFactory factory) {
      super(provider, type, algorithm, spiClass, aliases,
          Map.of("SupportedKeyClasses", MrkKey.class.getName()));
      this.factory = factory;
    }

    @Override
    public boolean supportsParameter(Object parameter) {
      return parameter instanceof MrkKey;
    }

    @Override
    public Object newInstance(Object constructorParameter) {
      return factory.create();
    }
  }

  /** Makes one SPI instance. */
  @FunctionalInterface
  private interface SpiFactory {
    Object create();
  }
}
