package io.mrk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KmsClient;
import io.mrk.kms.Region;
import io.mrk.kms.ReplicateKeyRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example compiles, runs, and is the code the README shows, line for line. */
class ReadmeExampleTest {

  @TempDir
  Path dir;

  @Test
  void theReadmeExampleRuns() throws Exception {
    Path keystore = dir.resolve("keystore.mrk");
    char[] password = "example password".toCharArray();
    MrkKeystore.withDefaults().withKdf("argon2id:m=64,t=1,p=1").update(keystore, password, registry -> {
      KmsClient east = registry.client(Region.of("us-east-1"));
      String id = east.createKey(CreateKeyRequest.multiRegionKey("orders")).keyId().value();
      east.replicateKey(id, Region.of("eu-west-1"), ReplicateKeyRequest.DEFAULTS);
      east.createAlias("alias/orders", id);
      registry.client(Region.of("eu-west-1")).createAlias("alias/orders", id);
      return id;
    });
    byte[] record = "order 1042".getBytes(StandardCharsets.UTF_8);
    byte[] orderId = "1042".getBytes(StandardCharsets.UTF_8);

    // README:begin
    // Install the provider once (or name it in a java.security override, see above).
    Security.addProvider(new MrkProvider());

    // Every key and alias of every Region, Region-qualified.
    KeyStore keys = KeyStore.getInstance("MRK");
    keys.load(MrkLoadStoreParameter.of(keystore, password));

    // Encrypt in us-east-1: no IV to choose, MRK draws a fresh nonce for every message.
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, keys.getKey("us-east-1/alias/orders", null));
    cipher.updateAAD(orderId);
    byte[] ciphertext = cipher.doFinal(record);

    // Decrypt in eu-west-1 with that Region's replica; everything else is in the ciphertext.
    cipher.init(Cipher.DECRYPT_MODE, keys.getKey("eu-west-1/alias/orders", null));
    cipher.updateAAD(orderId);
    byte[] plaintext = cipher.doFinal(ciphertext);
    // README:end

    assertArrayEquals(record, plaintext);
    Security.removeProvider("MRK");
    assertTrue(readme().contains(exampleFromThisFile()), "README.md must show the example of " + getClass());
  }

  private static String readme() throws Exception {
    return Files.readString(Path.of(System.getProperty("user.dir")).resolve("../README.md"));
  }

  private static String exampleFromThisFile() throws Exception {
    Path source = Path.of(System.getProperty("user.dir"), "src/test/java/io/mrk/ReadmeExampleTest.java");
    List<String> lines = Files.readAllLines(source);
    int begin = lines.indexOf("    // README:begin");
    int end = lines.indexOf("    // README:end");
    return lines.subList(begin + 1, end).stream()
        .map(l -> l.length() >= 4 ? l.substring(4) : l)
        .collect(Collectors.joining("\n"));
  }
}
