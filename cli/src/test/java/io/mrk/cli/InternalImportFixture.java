package io.mrk.cli;

import io.mrk.internal.store.KeystoreFile;
import java.time.Duration;

/** Imports an internal class on purpose, in test scope only, so that {@code BoundaryRulesTest} can fail on it. */
final class InternalImportFixture {

  private InternalImportFixture() {}

  static Duration lockTimeout() {
    return KeystoreFile.DEFAULT_LOCK_TIMEOUT;
  }
}
