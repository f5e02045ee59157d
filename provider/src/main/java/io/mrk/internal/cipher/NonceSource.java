package io.mrk.internal.cipher;

import java.security.SecureRandom;

/** Supplies the base nonce of each message; {@link NonceGenerator} in production, a fixed one in KATs. */
@FunctionalInterface
interface NonceSource {

  /** Writes a fresh base nonce into {@code nonce} (12 bytes); {@code callerRandom} may be null. */
  void next(byte[] nonce, SecureRandom callerRandom);
}
