package io.mrk.bench.mrk;

import io.mrk.MrkKeystore;
import io.mrk.MrkLoadStoreParameter;
import io.mrk.MrkProvider;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.Region;
import io.mrk.kms.ReplicateKeyRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Security;
import java.util.List;
import javax.crypto.SecretKey;

/**
 * Every MRK-specific call of the benchmarks: installs the provider, makes multi-Region keys in
 * keystore files, and reads them back as a user does.
 *
 * <p>The provider is added at the END of the provider list with {@code Security.addProvider} and
 * key handles are read back from a keystore file with {@code KeyStore.getInstance("MRK")}; the
 * benchmarks then call {@code Cipher.getInstance("AES/GCM/NoPadding")} with no provider name and
 * rely on the JCA routing MRK's opaque keys to MRK. Entries are read as {@code <region>/alias/<name>},
 * the Region-qualified alias form. Files are written with {@link MrkKeystore#update}: the 1,000-key
 * file under the default (strong) password KDF, since its load is what KeyStoreLoadBenchmark
 * measures; the per-message benchmarks' file under a light one ({@link #LIGHT_KDF}), because the
 * default's 64 MiB of Argon2id memory, allocated twice in setup, left forks measuring MRK at a
 * fraction of its speed for seconds afterwards, and the file's KDF is not what they measure.
 */
public final class MrkFixture {

  static final List<String> FIVE_REGIONS =
      List.of("us-east-1", "eu-west-1", "us-west-2", "eu-central-1", "ap-southeast-2");
  private static final String ENCRYPT_REGION = "us-east-1";
  private static final String DECRYPT_REGION = "eu-west-1";
  private static final char[] PASSWORD = "mrk-bench-keystore".toCharArray();
  private static final int LARGE_KEYSTORE_KEYS = 1000;
  /** Argon2id with 1 MiB and one pass: for a throw-away file whose key handles are all that is used. */
  private static final String LIGHT_KDF = "argon2id:m=1024,t=1,p=1";

  private final SecretKey encryptKey;
  private final SecretKey decryptKey;

  private MrkFixture(SecretKey encryptKey, SecretKey decryptKey) {
    this.encryptKey = encryptKey;
    this.decryptKey = decryptKey;
  }

  /** A new multi-Region key in us-east-1 and eu-west-1, written to a file and loaded back. */
  public static MrkFixture create() throws Exception {
    Path file = Files.createTempFile("mrk-bench", ".mrk");
    try {
      Files.delete(file);
      writeKeystore(MrkKeystore.withDefaults().withKdf(LIGHT_KDF), file, 1,
          List.of(ENCRYPT_REGION, DECRYPT_REGION));
      KeyStore keyStore = KeyStore.getInstance("MRK");
      keyStore.load(MrkLoadStoreParameter.of(file, PASSWORD));
      return new MrkFixture(
          secretKey(keyStore, entryName(ENCRYPT_REGION, 0)),
          secretKey(keyStore, entryName(DECRYPT_REGION, 0)));
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(Path.of(file + ".lock"));
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

  /**
   * A keystore file of 1,000 multi-Region keys, each in the same five Regions with an alias in each,
   * made on first use and reused afterwards: writing it takes seconds, and every run and fork
   * measures the same file. It lives in {@code java.io.tmpdir} (or {@code -Dmrk.bench.keystore});
   * a file that no longer loads (say, after a format change) is made again.
   */
  public static Path keystoreFileWith1000Keys() throws Exception {
    Path file = Path.of(System.getProperty("mrk.bench.keystore",
        Path.of(System.getProperty("java.io.tmpdir"), "mrk-bench-1000-keys-5-regions.mrk").toString()));
    if (Files.exists(file)) {
      try {
        if (load(file).containsAlias(entryName(FIVE_REGIONS.get(4), LARGE_KEYSTORE_KEYS - 1))) {
          return file;
        }
      } catch (IOException | GeneralSecurityException e) {
        // Not loadable with this checkout: made again below.
      }
      Files.delete(file);
    }
    writeKeystore(MrkKeystore.withDefaults(), file, LARGE_KEYSTORE_KEYS, FIVE_REGIONS);
    return file;
  }

  /** Loads an MRK keystore file as a user does. */
  public static KeyStore load(Path file) throws IOException, GeneralSecurityException {
    installProvider();
    KeyStore keyStore = KeyStore.getInstance("MRK");
    try (InputStream in = Files.newInputStream(file)) {
      keyStore.load(in, PASSWORD);
    }
    return keyStore;
  }

  /**
   * Creates {@code keys} multi-Region keys with their primary in the first of {@code regions} and a
   * replica in each other one, and aliases each {@code alias/bench-<i>} in every Region.
   */
  private static void writeKeystore(MrkKeystore keystores, Path file, int keys, List<String> regions)
      throws Exception {
    installProvider();
    keystores.update(file, PASSWORD, registry -> {
      KmsClient primary = registry.client(Region.of(regions.get(0)));
      for (int i = 0; i < keys; i++) {
        String keyId = primary.createKey(CreateKeyRequest.multiRegionKey("bench-" + i)).keyId().value();
        for (String replica : regions.subList(1, regions.size())) {
          primary.replicateKey(keyId, Region.of(replica), ReplicateKeyRequest.DEFAULTS);
        }
        for (String region : regions) {
          registry.client(Region.of(region)).createAlias(aliasName(i), keyId);
        }
      }
      return null;
    });
  }

  private static SecretKey secretKey(KeyStore keyStore, String entry) throws GeneralSecurityException {
    SecretKey key = (SecretKey) keyStore.getKey(entry, PASSWORD);
    if (key == null) {
      throw new GeneralSecurityException("the MRK keystore has no entry " + entry);
    }
    return key;
  }

  private static String aliasName(int i) {
    return "alias/bench-" + i;
  }

  private static String entryName(String region, int i) {
    return region + "/" + aliasName(i);
  }

  private static void installProvider() {
    if (Security.getProvider(MrkProvider.NAME) == null) {
      Security.addProvider(new MrkProvider());
    }
  }
}
