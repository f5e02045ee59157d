package io.mrk.cli;

import io.mrk.internal.registry.RegistryAccess;
import io.mrk.kms.KeyRegistry;

/** Imports an internal class on purpose, in test scope only, so that {@code BoundaryRulesTest} can fail on it. */
final class InternalImportFixture {

  private InternalImportFixture() {}

  static boolean readOnly(KeyRegistry registry) {
    return RegistryAccess.isReadOnly(registry);
  }
}
