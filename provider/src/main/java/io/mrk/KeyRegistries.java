package io.mrk;

import io.mrk.internal.registry.RegistryBuilder;
import io.mrk.kms.KeyRegistry;

/**
 * Where in-memory {@link KeyRegistry}s come from. The factory lives here rather than on the
 * {@code io.mrk.kms} interface so that the KMS model depends on no implementation of it (the
 * provider's layers only point down; {@code DependencyRulesTest} checks it). Registries backed by a
 * keystore file come from {@link MrkKeystore}.
 */
public final class KeyRegistries {

  private KeyRegistries() {}

  /**
   * A builder for an empty in-memory registry: its memory is its store, so it is lost with the
   * process. Each setter checks its argument at once and may be called once.
   */
  public static KeyRegistry.Builder builder() {
    return new RegistryBuilder();
  }
}
