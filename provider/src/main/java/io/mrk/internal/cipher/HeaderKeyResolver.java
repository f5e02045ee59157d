package io.mrk.internal.cipher;

import java.security.GeneralSecurityException;

/** Finds the derived key for a parsed header: checks the key named there and fetches its material. */
@FunctionalInterface
interface HeaderKeyResolver {

  /**
   * The data key and commitment for {@code header}'s bound prefix, material version and material id.
   *
   * @throws GeneralSecurityException when the header names an unrelated key or the material is not
   *     available in this Region
   */
  DerivedKey keyFor(CiphertextHeader header) throws GeneralSecurityException;
}
