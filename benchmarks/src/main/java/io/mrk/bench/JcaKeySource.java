package io.mrk.bench;

import java.security.GeneralSecurityException;

/**
 * Supplies the provider and keys of one JCA implementation under a short name (SunJCE, BC, ACCP).
 *
 * <p>Built-in sources are listed in {@link Implementations}; MRK's is found with
 * {@link java.util.ServiceLoader} when the benchmarks are built with {@code -Pmrk}, so the peers
 * build and run without it.
 */
public interface JcaKeySource {

  /** The name used in the {@code impl} JMH parameter and in the report. */
  String name();

  /** Opens the provider and keys; each call may create new keys. */
  JcaGcmKeys open() throws GeneralSecurityException, ImplementationUnavailableException;

  /**
   * Opens the implementation as the benchmarks call it per message; by default a random IV per
   * message passed to {@code init} ({@link JcaGcmAead}). A provider that chooses its own nonces
   * supplies its own adapter.
   */
  default AeadUnderTest openAead() throws GeneralSecurityException, ImplementationUnavailableException {
    return new JcaGcmAead(open());
  }
}
