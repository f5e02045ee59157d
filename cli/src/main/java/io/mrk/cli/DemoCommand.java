package io.mrk.cli;

import io.mrk.MrkKeystore;
import io.mrk.MrkLoadStoreParameter;
import io.mrk.MrkProvider;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyMetadata;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import io.mrk.kms.ReplicateKeyRequest;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Security;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mrk demo}: the multi-Region story in a temporary keystore, each claim checked as it is
 * told. Management goes through the keystore file (as the CLI does), cryptography through
 * {@code KeyStore.getInstance("MRK")} and {@code Cipher.getInstance("AES/GCM/NoPadding")} (as an
 * application does). Exits 0 only if every step behaved as stated.
 */
@Command(name = "demo", description = "Walks through multi-Region keys in a temporary keystore, checking every step.")
final class DemoCommand implements Callable<Integer> {

  private static final Region US_EAST_1 = new Region("us-east-1");
  private static final Region EU_WEST_1 = new Region("eu-west-1");
  private static final Region AP_SOUTHEAST_2 = new Region("ap-southeast-2");
  private static final String ALIAS = "alias/orders";
  private static final char[] PASSWORD = "demo-only-password".toCharArray();

  @ParentCommand
  Mrk root;

  @Spec
  CommandSpec spec;

  private PrintWriter out;
  private MrkKeystore keystores;
  private Path file;
  private int failures;

  @Override
  public Integer call() throws Exception {
    // The story uses the JCA by name, as an application does: the provider is installed, as it would be.
    if (Security.getProvider("MRK") == null) {
      Security.addProvider(new MrkProvider());
    }
    out = spec.commandLine().getOut();
    keystores = root.keystores();
    Path dir = Files.createTempDirectory("mrk-demo-");
    file = dir.resolve("demo.mrk");
    try {
      story();
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    out.println();
    out.println(failures == 0
        ? "Every step behaved as stated."
        : failures + " step(s) did NOT behave as stated.");
    out.flush();
    return failures == 0 ? 0 : 1;
  }

  private void story() throws Exception {
    screen("1. A multi-Region primary key in us-east-1",
        "One logical key; its id starts with mrk- and will be the same in every Region.");
    KeyMetadata primary = keystores.update(file, PASSWORD, r -> {
      KmsClient east = r.client(US_EAST_1);
      KeyMetadata m = east.createKey(CreateKeyRequest.multiRegionKey("orders"));
      east.createAlias(ALIAS, m.keyId().value());
      return m;
    });
    String keyId = primary.keyId().value();
    show("KeyId", keyId);
    show("Arn", primary.arn());
    check("the key is a multi-Region primary", primary.multiRegion()
        && primary.multiRegionConfiguration().multiRegionKeyType().name().equals("PRIMARY"));

    screen("2. Replicas in eu-west-1 and ap-southeast-2",
        "Same key id and material; each Region keeps its own description, policy, aliases and state.");
    keystores.update(file, PASSWORD, r -> {
      KmsClient east = r.client(US_EAST_1);
      east.replicateKey(keyId, EU_WEST_1, new ReplicateKeyRequest("orders (Ireland)", null, null));
      east.replicateKey(keyId, AP_SOUTHEAST_2, new ReplicateKeyRequest("orders (Sydney)", null, null));
      r.client(EU_WEST_1).createAlias(ALIAS, keyId);
      r.client(AP_SOUTHEAST_2).createAlias(ALIAS, keyId);
      return null;
    });
    KeyMetadata replica = keystores.load(file, PASSWORD).client(EU_WEST_1).describeKey(keyId);
    show("eu-west-1 Arn", replica.arn());
    check("the replica has the same key id", replica.keyId().value().equals(keyId));
    check("the replica reports the whole set (primary + 2 replicas)",
        replica.multiRegionConfiguration().replicaKeys().size() == 2
            && replica.multiRegionConfiguration().primaryKey().region().equals(US_EAST_1));

    screen("3. Encrypt a record in us-east-1 through the JCA",
        "KeyStore.getInstance(\"MRK\") + Cipher.getInstance(\"AES/GCM/NoPadding\"): no MRK-specific crypto code.");
    byte[] record = "order 1042: 3 espresso machines to Dublin".getBytes(StandardCharsets.UTF_8);
    byte[] aad = "orders-table/v1".getBytes(StandardCharsets.UTF_8);
    byte[] before = encrypt("us-east-1/" + ALIAS, record, aad);
    show("ciphertext", before.length + " bytes, self-describing (key id, material version, nonce, commitment)");

    screen("4. Decrypt it in the other Regions",
        "Each Region's own handle decrypts: no call to us-east-1 is needed.");
    for (Region region : new Region[] {EU_WEST_1, AP_SOUTHEAST_2}) {
      check("decrypts in " + region, Arrays.equals(record, decrypt(region + "/" + ALIAS, before, aad)));
    }

    screen("5. Rotate the key material (on the primary)",
        "New material reaches every replica; every version is kept, so old ciphertexts keep decrypting.");
    keystores.update(file, PASSWORD, r -> r.client(US_EAST_1).rotateKeyOnDemand(keyId));
    byte[] after = encrypt("eu-west-1/" + ALIAS, record, aad);
    for (Region region : new Region[] {US_EAST_1, EU_WEST_1, AP_SOUTHEAST_2}) {
      check("old and new ciphertexts both decrypt in " + region,
          Arrays.equals(record, decrypt(region + "/" + ALIAS, before, aad))
              && Arrays.equals(record, decrypt(region + "/" + ALIAS, after, aad)));
    }

    screen("6. Disable the replica in ap-southeast-2",
        "Enabled state is independent per Region: Sydney refuses, the others keep working.");
    keystores.update(file, PASSWORD, r -> {
      r.client(AP_SOUTHEAST_2).disableKey(keyId);
      return null;
    });
    String refusal = refusal(() -> decrypt("ap-southeast-2/" + ALIAS, after, aad));
    show("ap-southeast-2", refusal);
    check("ap-southeast-2 refuses with DisabledException", refusal.contains("DisabledException"));
    check("us-east-1 and eu-west-1 still decrypt",
        Arrays.equals(record, decrypt("us-east-1/" + ALIAS, after, aad))
            && Arrays.equals(record, decrypt("eu-west-1/" + ALIAS, after, aad)));

    screen("7. Disaster recovery: promote eu-west-1 to primary",
        "UpdatePrimaryRegion swaps roles; no ARN or material changes; shared properties now change only there.");
    keystores.update(file, PASSWORD, r -> {
      r.client(US_EAST_1).updatePrimaryRegion(keyId, EU_WEST_1);
      return null;
    });
    KeyMetadata promoted = keystores.load(file, PASSWORD).client(EU_WEST_1).describeKey(keyId);
    show("eu-west-1 role", promoted.multiRegionConfiguration().multiRegionKeyType().name());
    check("eu-west-1 is the primary", promoted.multiRegionConfiguration().multiRegionKeyType().name().equals("PRIMARY"));
    String viaOldPrimary = kmsRefusal(() -> keystores.update(file, PASSWORD,
        r -> r.client(US_EAST_1).rotateKeyOnDemand(keyId)));
    show("rotate through us-east-1", viaOldPrimary);
    check("rotation through the old primary is refused with UnsupportedOperationException naming eu-west-1",
        viaOldPrimary.contains("UnsupportedOperationException") && viaOldPrimary.contains("eu-west-1"));
    check("ciphertexts made before the promotion still decrypt in us-east-1",
        Arrays.equals(record, decrypt("us-east-1/" + ALIAS, before, aad)));

    screen("8. A single-Region key stays single-Region",
        "AWS never turns a single-Region key into a multi-Region key; neither does MRK.");
    String single = kmsRefusal(() -> keystores.update(file, PASSWORD, r -> {
      KmsClient east = r.client(US_EAST_1);
      KeyMetadata k = east.createKey(CreateKeyRequest.singleRegionKey("audit logs"));
      return east.replicateKey(k.keyId().value(), EU_WEST_1, ReplicateKeyRequest.DEFAULTS);
    }));
    show("replicate a single-Region key", single);
    check("ReplicateKey on a single-Region key is refused with UnsupportedOperationException",
        single.contains("UnsupportedOperationException"));
  }

  private KeyStore keyStore() throws Exception {
    KeyStore ks = KeyStore.getInstance("MRK");
    ks.load(MrkLoadStoreParameter.of(file, PASSWORD));
    return ks;
  }

  private byte[] encrypt(String alias, byte[] plaintext, byte[] aad) throws Exception {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, key(alias));
    cipher.updateAAD(aad);
    return cipher.doFinal(plaintext);
  }

  private byte[] decrypt(String alias, byte[] ciphertext, byte[] aad) throws Exception {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.DECRYPT_MODE, key(alias));
    cipher.updateAAD(aad);
    return cipher.doFinal(ciphertext);
  }

  private Key key(String alias) throws Exception {
    Key key = keyStore().getKey(alias, null);
    if (key == null) {
      throw new IllegalStateException("no entry " + alias);
    }
    return key;
  }

  private interface Step {
    Object run() throws Exception;
  }

  /** What the JCA said when the step was refused, or a note that it was not. */
  private static String refusal(Step step) {
    try {
      step.run();
      return "(not refused)";
    } catch (GeneralSecurityException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (Exception e) {
      return "(unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
    }
  }

  /** What KMS said when the step was refused, in the aws CLI's words, or a note that it was not. */
  private static String kmsRefusal(Step step) {
    try {
      step.run();
      return "(not refused)";
    } catch (KmsException e) {
      return e.errorName() + ": " + e.getMessage();
    } catch (Exception e) {
      return "(unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
    }
  }

  private void screen(String title, String explanation) {
    out.println();
    out.println("== " + title);
    out.println("   " + explanation);
  }

  private void show(String label, String value) {
    out.println("   " + label + ": " + value);
  }

  private void check(String claim, boolean held) {
    out.println("   " + (held ? "[ok]   " : "[FAIL] ") + claim);
    if (!held) {
      failures++;
    }
  }
}
