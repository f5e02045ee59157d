package io.mrk.internal.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.MrkKeystore;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyMetadata;
import io.mrk.kms.KmsClient;
import io.mrk.kms.Region;
import io.mrk.kms.ReplicateKeyRequest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's keytool command lists a keystore the management API wrote:
 * {@code keytool -list -v -storetype MRK -addprovider MRK -providerpath ... -keystore ... -storepass ...}.
 */
class KeytoolTest {

  @TempDir
  Path dir;

  @Test
  void keytoolListsTheRegionQualifiedEntries() throws Exception {
    Path file = dir.resolve("keys.mrk");
    char[] password = "keytool-test".toCharArray();
    String keyId = MrkKeystore.withDefaults().withKdf(MrkKeyStoreSpiTest.TEST_KDF).update(file, password, r -> {
      KmsClient east = r.client(new Region("us-east-1"));
      KeyMetadata m = east.createKey(CreateKeyRequest.multiRegionKey("orders"));
      east.replicateKey(m.keyId().value(), new Region("eu-west-1"), ReplicateKeyRequest.DEFAULTS);
      east.createAlias("alias/orders", m.keyId().value());
      return m.keyId().value();
    });
    // The provider's classes and its three runtime dependencies, as -providerpath wants them.
    String providerPath = Stream.of(io.mrk.MrkProvider.class,
            org.bouncycastle.crypto.generators.Argon2BytesGenerator.class,
            com.github.benmanes.caffeine.cache.Caffeine.class,
            com.fasterxml.jackson.core.JsonParser.class)
        .map(KeytoolTest::location)
        .collect(Collectors.joining(File.pathSeparator));
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    String store = file.toString();
    // -addprovider finds providers with ServiceLoader on keytool's own class path (-J-cp), not on
    // -providerpath, which keytool reads only for -providerclass (sun.security.tools.keytool.Main).
    assertListing(keyId, keytool, "-J-cp", "-J" + providerPath, "-list", "-v", "-storetype", "MRK",
        "-addprovider", "MRK", "-keystore", store, "-storepass", new String(password));
    assertListing(keyId, keytool, "-list", "-v", "-storetype", "MRK", "-providerclass", "io.mrk.MrkProvider",
        "-providerpath", providerPath, "-keystore", store, "-storepass", new String(password));
  }

  private static void assertListing(String keyId, String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("Keystore type: MRK"), out);
    assertTrue(out.contains("Keystore provider: MRK"), out);
    assertTrue(out.contains("Your keystore contains 3 entries"), out);
    assertTrue(out.contains("Alias name: us-east-1/" + keyId), out);
    assertTrue(out.contains("Alias name: eu-west-1/" + keyId), out);
    assertTrue(out.contains("Alias name: us-east-1/alias/orders"), out);
    assertTrue(out.contains("Entry type: SecretKeyEntry"), out);
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
