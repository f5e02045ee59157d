package io.mrk.server;

import io.mrk.internal.registry.RegistryCodec;
import io.mrk.internal.store.KdfParameters;
import io.mrk.internal.store.KeystoreFile;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * A second process writing the keystore a server serves: each write takes the file lock, decodes
 * the newest payload, adds one key and replaces the file atomically ({@link KeystoreFile#update},
 * the path {@code MrkKeystore.update} and so {@code ./mrk create-key} use).
 *
 * <p>It does not record audit events: today a process that holds a keystore's audit logs (the
 * server) keeps them locked until it exits, so {@code MrkKeystore.update} in a second process fails
 * with "in use by another audit writer". Arguments: the keystore file and the number of keys.
 */
public final class KeystoreWriterProcess {

  private KeystoreWriterProcess() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    KdfParameters kdf = KdfParameters.parse(ServerFixture.TEST_KDF);
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < n; i++) {
      String description = "written by the other process " + i;
      KeystoreFile.<KmsException>update(file, ServerFixture.PASSWORD, kdf, random, current -> {
        KeyRegistry registry;
        try {
          registry = RegistryCodec.decode(current, KeyRegistry.builder());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        registry.client(new Region("us-east-1")).createKey(CreateKeyRequest.singleRegionKey(description));
        return RegistryCodec.encode(registry);
      });
    }
    System.out.println("wrote " + n);
  }
}
