package io.mrk.server;

import io.mrk.MrkKeystore;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.Region;
import java.nio.file.Path;

/**
 * A second process writing the keystore a server serves, the way {@code ./mrk create-key} does:
 * each write is an audited {@link MrkKeystore#update} (file lock, newest generation, one new key,
 * atomic replace, events sealed in the outbox and appended after the commit), beside the server's
 * own writes and appends. Arguments: the keystore file and the number of keys.
 */
public final class KeystoreWriterProcess {

  private KeystoreWriterProcess() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    MrkKeystore keystores = MrkKeystore.withDefaults().withKdf(ServerFixture.TEST_KDF)
        .withAuditWarnings(problem -> System.out.println("audit warning: " + problem));
    for (int i = 0; i < n; i++) {
      String description = "written by the other process " + i;
      keystores.update(file, ServerFixture.PASSWORD,
          registry -> registry.client(new Region("us-east-1")).createKey(CreateKeyRequest.singleRegionKey(description)));
    }
    System.out.println("wrote " + n);
  }
}
