package io.mrk.kms;

import io.mrk.internal.registry.RegistryBuilder;

/**
 * Breaks the provider's layering on purpose, in test scope only, so that {@code DependencyRulesTest}
 * can show that each of its rules fails: the KMS model reaching the registry's implementation.
 */
public final class LayeringViolationFixture {

  private LayeringViolationFixture() {}

  /** What {@code KeyRegistry.builder()} did before it moved to {@code io.mrk.KeyRegistries}. */
  public static KeyRegistry.Builder builder() {
    return new RegistryBuilder();
  }
}
