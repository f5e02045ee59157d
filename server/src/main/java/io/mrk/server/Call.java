package io.mrk.server;

import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsException;
import io.mrk.kms.Principal;
import io.mrk.kms.Region;
import java.io.IOException;
import java.security.Provider;
import java.security.SecureRandom;

/**
 * One authenticated, validated request to one Region: who sent it, what it asks, and the keystore
 * it acts on. Reads see the current registry; writes run under the file lock.
 */
record Call(Region region, Caller caller, Input input, KeystoreBackend backend, Provider provider,
            SecureRandom random) {

  /** A change made with the caller's client of this Region. */
  @FunctionalInterface
  interface Change<T> {
    T apply(KmsClient client) throws KmsException;
  }

  /** The caller's client of this Region over the current registry. */
  KmsClient reader() throws IOException {
    return clientOf(backend.current());
  }

  /** Applies {@code change} with the caller's client under the keystore's file lock. */
  <T> T write(Change<T> change) throws IOException, KmsException {
    return backend.update(registry -> change.apply(clientOf(registry)));
  }

  /** The caller's client of this Region in {@code registry}; the keystore holder's when it has no principal. */
  private KmsClient clientOf(KeyRegistry registry) {
    return caller.principal() == null ? registry.client(region)
        : registry.client(region, new Principal(caller.principal(), caller.accessKeyId()));
  }
}
