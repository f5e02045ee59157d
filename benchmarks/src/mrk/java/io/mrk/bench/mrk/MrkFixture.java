package io.mrk.bench.mrk;

import io.mrk.MrkProvider;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.Region;
import io.mrk.kms.ReplicateKeyRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.SecretKey;

/**
 * Every MRK-specific call of the benchmarks: installs the provider, makes multi-Region keys, and
 * writes and reads MRK keystore files.
 *
 * <p>The provider is added at the END of the provider list with {@code Security.addProvider} and
 * key handles are read back from a keystore file with {@code KeyStore.getInstance("MRK")}, as a
 * user deploys it; the benchmarks then call {@code Cipher.getInstance("AES/GCM/NoPadding")} with no
 * provider name and rely on the JCA routing MRK's opaque keys to MRK. Entries are named
 * {@code <region>/alias/<name>}, the Region-qualified alias form.
 */
public final class MrkFixture {

  static final List<String> FIVE_REGIONS =
      List.of("us-east-1", "eu-west-1", "us-west-2", "eu-central-1", "ap-southeast-2");
  private static final String ENCRYPT_REGION = "us-east-1";
  private static final String DECRYPT_REGION = "eu-west-1";
  private static final char[] PASSWORD = "mrk-bench-keystore".toCharArray();

  private final SecretKey encryptKey;
  private final SecretKey decryptKey;

  private MrkFixture(SecretKey encryptKey, SecretKey decryptKey) {
    this.encryptKey = encryptKey;
    this.decryptKey = decryptKey;
  }

  /** A new multi-Region key in us-east-1 and eu-west-1, stored to a file and loaded back. */
  public static MrkFixture create() throws Exception {
    Path file = Files.createTempFile("mrk-bench", ".mrk");
    try {
      writeKeystore(file, 1, List.of(ENCRYPT_REGION, DECRYPT_REGION));
      KeyStore keyStore = load(file);
      return new MrkFixture(
          (SecretKey) keyStore.getKey(entryName(ENCRYPT_REGION, 0), PASSWORD),
          (SecretKey) keyStore.getKey(entryName(DECRYPT_REGION, 0), PASSWORD));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** The us-east-1 handle, which the benchmarks encrypt with. */
  public SecretKey encryptKey() {
    return encryptKey;
  }

  /** The eu-west-1 handle of the same multi-Region key, which the benchmarks decrypt with. */
  public SecretKey decryptKey() {
    return decryptKey;
  }

  /** Writes to {@code file} a keystore of 1,000 multi-Region keys, each in the same five Regions. */
  public static void keystoreFileWith1000Keys(Path file) throws Exception {
    writeKeystore(file, 1000, FIVE_REGIONS);
  }

  /** Loads an MRK keystore file as a user does. */
  public static KeyStore load(Path file) throws Exception {
    installProvider();
    KeyStore keyStore = KeyStore.getInstance("MRK");
    try (InputStream in = Files.newInputStream(file)) {
      keyStore.load(in, PASSWORD);
    }
    return keyStore;
  }

  /**
   * Creates {@code keys} multi-Region keys with their primary in the first of {@code regions} and a
   * replica in each other one, aliases each {@code alias/bench-<i>} in every Region, and stores
   * every Region's handle to {@code file}.
   */
  private static void writeKeystore(Path file, int keys, List<String> regions) throws Exception {
    installProvider();
    KeyRegistry registry = KeyRegistry.builder().build();
    KmsClient primary = registry.client(Region.of(regions.get(0)));
    List<String> keyIds = new ArrayList<>(keys);
    for (int i = 0; i < keys; i++) {
      String keyId = primary.createKey(CreateKeyRequest.multiRegionKey("bench-" + i)).keyId().value();
      for (String replica : regions.subList(1, regions.size())) {
        primary.replicateKey(keyId, Region.of(replica), ReplicateKeyRequest.DEFAULTS);
      }
      keyIds.add(keyId);
    }
    KeyStore keyStore = KeyStore.getInstance("MRK");
    keyStore.load(null, PASSWORD);
    for (String region : regions) {
      KmsClient client = registry.client(Region.of(region));
      for (int i = 0; i < keys; i++) {
        client.createAlias(aliasName(i), keyIds.get(i));
        keyStore.setKeyEntry(entryName(region, i), client.keyHandle(keyIds.get(i)), PASSWORD, null);
      }
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      keyStore.store(out, PASSWORD);
    }
  }

  private static String aliasName(int i) {
    return "alias/bench-" + i;
  }

  private static String entryName(String region, int i) {
    return region + "/" + aliasName(i);
  }

  private static void installProvider() {
    if (Security.getProvider("MRK") == null) {
      Security.addProvider(new MrkProvider());
    }
  }
}
