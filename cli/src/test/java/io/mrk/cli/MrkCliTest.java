package io.mrk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mrk} end to end against a temporary keystore: JSON shapes, exit statuses and error lines. */
class MrkCliTest {

  @TempDir
  Path dir;
  private CliRunner mrk;

  @BeforeEach
  void setUp() {
    mrk = new CliRunner(dir.resolve("keystore.mrk"));
  }

  private String createMultiRegionKey() {
    Map<String, Object> meta = mrk.run("create-key", "--multi-region", "--description", "orders").object("KeyMetadata");
    return (String) meta.get("KeyId");
  }

  private static void assertRefused(CliRunner.Result r, String error, String operation) {
    assertEquals(Mrk.SERVICE, r.status(), r.err());
    assertTrue(r.err().startsWith("An error occurred (" + error + ") when calling the " + operation + " operation: "),
        r.err());
    assertEquals("", r.out());
  }

  @Test
  void createKeyPrintsKeyMetadataAsTheAwsCliDoes() {
    CliRunner.Result r = mrk.run("create-key", "--multi-region", "--description", "orders",
        "--tags", "TagKey=team,TagValue=payments");
    Map<String, Object> meta = r.object("KeyMetadata");
    String keyId = (String) meta.get("KeyId");
    assertTrue(keyId.matches("mrk-[0-9a-f]{32}"), keyId);
    assertEquals("arn:aws:kms:us-east-1:111122223333:key/" + keyId, meta.get("Arn"));
    assertEquals("Enabled", meta.get("KeyState"));
    assertEquals(true, meta.get("Enabled"));
    assertEquals(true, meta.get("MultiRegion"));
    assertEquals("SYMMETRIC_DEFAULT", meta.get("KeySpec"));
    assertEquals("ENCRYPT_DECRYPT", meta.get("KeyUsage"));
    @SuppressWarnings("unchecked")
    Map<String, Object> config = (Map<String, Object>) meta.get("MultiRegionConfiguration");
    assertEquals("PRIMARY", config.get("MultiRegionKeyType"));
    assertTrue(r.out().startsWith("{\n    \"KeyMetadata\": {\n        \"AWSAccountId\": \"111122223333\""), r.out());
    assertEquals(List.of(Map.of("TagKey", "team", "TagValue", "payments")),
        mrk.run("list-resource-tags", "--key-id", keyId).list("Tags"));
  }

  @Test
  void replicateDescribeAndPromote() {
    String keyId = createMultiRegionKey();
    Map<String, Object> replica = mrk.run("replicate-key", "--key-id", keyId, "--replica-region", "eu-west-1",
        "--description", "Ireland").object("ReplicaKeyMetadata");
    assertEquals("arn:aws:kms:eu-west-1:111122223333:key/" + keyId, replica.get("Arn"));
    assertEquals("Ireland", replica.get("Description"));
    CliRunner.Result described = mrk.run("--region", "eu-west-1", "describe-key", "--key-id", keyId);
    @SuppressWarnings("unchecked")
    Map<String, Object> config = (Map<String, Object>) described.object("KeyMetadata").get("MultiRegionConfiguration");
    assertEquals("REPLICA", config.get("MultiRegionKeyType"));
    assertEquals(0, mrk.run("update-primary-region", "--key-id", keyId, "--primary-region", "eu-west-1").status());
    @SuppressWarnings("unchecked")
    Map<String, Object> after = (Map<String, Object>) mrk.run("describe-key", "--key-id", keyId, "--region", "eu-west-1")
        .object("KeyMetadata").get("MultiRegionConfiguration");
    assertEquals("PRIMARY", after.get("MultiRegionKeyType"));
  }

  @Test
  void encryptInOneRegionDecryptInAnotherWithEncryptionContext() throws Exception {
    String keyId = createMultiRegionKey();
    mrk.run("replicate-key", "--key-id", keyId, "--replica-region", "eu-west-1").json();
    Path plain = dir.resolve("plain.txt");
    Files.writeString(plain, "order 1042");
    Map<String, Object> enc = mrk.run("encrypt", "--key-id", keyId, "--plaintext", "fileb://" + plain,
        "--encryption-context", "table=orders,tenant=7").json();
    Path blob = dir.resolve("blob.bin");
    Files.write(blob, Base64.getDecoder().decode((String) enc.get("CiphertextBlob")));

    Map<String, Object> dec = mrk.run("--region", "eu-west-1", "decrypt", "--ciphertext-blob", "fileb://" + blob,
        "--encryption-context", "tenant=7,table=orders").json();
    assertEquals("order 1042", new String(Base64.getDecoder().decode((String) dec.get("Plaintext")), StandardCharsets.UTF_8));
    assertEquals("arn:aws:kms:eu-west-1:111122223333:key/" + keyId, dec.get("KeyId"));

    assertRefused(mrk.run("--region", "eu-west-1", "decrypt", "--ciphertext-blob", "fileb://" + blob,
        "--encryption-context", "tenant=8,table=orders"), "InvalidCiphertextException", "Decrypt");
    String other = createMultiRegionKey();
    assertRefused(mrk.run("decrypt", "--ciphertext-blob", "fileb://" + blob, "--key-id", other,
        "--encryption-context", "tenant=7,table=orders"), "IncorrectKeyException", "Decrypt");
  }

  @Test
  void fileCommandsStreamAndRoundTrip() throws Exception {
    String keyId = createMultiRegionKey();
    mrk.run("replicate-key", "--key-id", keyId, "--replica-region", "eu-west-1").json();
    byte[] data = new byte[300_000];
    new java.util.Random(7).nextBytes(data);
    Path in = dir.resolve("in.bin");
    Files.write(in, data);
    mrk.run("encrypt-file", "--key-id", keyId, "--in", in.toString(), "--out", dir.resolve("in.mrk").toString()).json();
    mrk.run("--region", "eu-west-1", "decrypt-file", "--in", dir.resolve("in.mrk").toString(),
        "--out", dir.resolve("out.bin").toString()).json();
    assertTrue(java.util.Arrays.equals(data, Files.readAllBytes(dir.resolve("out.bin"))));

    byte[] tampered = Files.readAllBytes(dir.resolve("in.mrk"));
    tampered[tampered.length - 100] ^= 1;
    Files.write(dir.resolve("bad.mrk"), tampered);
    assertRefused(mrk.run("decrypt-file", "--in", dir.resolve("bad.mrk").toString(),
        "--out", dir.resolve("bad.out").toString()), "InvalidCiphertextException", "Decrypt");
    assertFalse(Files.exists(dir.resolve("bad.out")), "no plaintext is left behind on failure");
  }

  @Test
  void everyRefusalOfTheKeyModelPrintsTheAwsErrorLine() throws Exception {
    String keyId = createMultiRegionKey();
    mrk.run("replicate-key", "--key-id", keyId, "--replica-region", "eu-west-1").json();
    assertRefused(mrk.run("describe-key", "--key-id", "mrk-00000000000000000000000000000000"),
        "NotFoundException", "DescribeKey");
    assertRefused(mrk.run("replicate-key", "--key-id", keyId, "--replica-region", "eu-west-1"),
        "AlreadyExistsException", "ReplicateKey");
    assertRefused(mrk.run("replicate-key", "--key-id", keyId, "--replica-region", "us-east-1"),
        "AlreadyExistsException", "ReplicateKey");
    assertRefused(mrk.run("--region", "eu-west-1", "replicate-key", "--key-id", keyId, "--replica-region", "ap-south-1"),
        "UnsupportedOperationException", "ReplicateKey");
    CliRunner.Result viaReplica = mrk.run("--region", "eu-west-1", "rotate-key-on-demand", "--key-id", keyId);
    assertRefused(viaReplica, "UnsupportedOperationException", "RotateKeyOnDemand");
    assertTrue(viaReplica.err().contains("us-east-1"), viaReplica.err());
    assertRefused(mrk.run("--region", "eu-west-1", "enable-key-rotation", "--key-id", keyId),
        "UnsupportedOperationException", "EnableKeyRotation");
    assertRefused(mrk.run("enable-key-rotation", "--key-id", keyId, "--rotation-period-in-days", "30"),
        "ValidationException", "EnableKeyRotation");
    assertRefused(mrk.run("schedule-key-deletion", "--key-id", keyId, "--pending-window-in-days", "3"),
        "ValidationException", "ScheduleKeyDeletion");
    assertRefused(mrk.run("cancel-key-deletion", "--key-id", keyId), "KMSInvalidStateException", "CancelKeyDeletion");
    assertRefused(mrk.run("update-primary-region", "--key-id", keyId, "--primary-region", "ap-south-1"),
        "NotFoundException", "UpdatePrimaryRegion");

    mrk.run("create-alias", "--alias-name", "alias/orders", "--target-key-id", keyId).ok();
    assertRefused(mrk.run("create-alias", "--alias-name", "alias/orders", "--target-key-id", keyId),
        "AlreadyExistsException", "CreateAlias");
    assertRefused(mrk.run("create-alias", "--alias-name", "alias/aws/orders", "--target-key-id", keyId),
        "InvalidAliasNameException", "CreateAlias");

    String single = (String) mrk.run("create-key").object("KeyMetadata").get("KeyId");
    assertRefused(mrk.run("replicate-key", "--key-id", single, "--replica-region", "eu-west-1"),
        "UnsupportedOperationException", "ReplicateKey");

    mrk.run("--region", "eu-west-1", "disable-key", "--key-id", keyId);
    Path plain = dir.resolve("p");
    Files.writeString(plain, "x");
    assertRefused(mrk.run("--region", "eu-west-1", "encrypt", "--key-id", keyId, "--plaintext", "fileb://" + plain),
        "DisabledException", "Encrypt");
    mrk.run("encrypt", "--key-id", keyId, "--plaintext", "fileb://" + plain).json();

    Map<String, Object> scheduled = mrk.run("schedule-key-deletion", "--key-id", keyId,
        "--pending-window-in-days", "7").json();
    assertEquals("PendingReplicaDeletion", scheduled.get("KeyState"));
    assertRefused(mrk.run("encrypt", "--key-id", keyId, "--plaintext", "fileb://" + plain),
        "KMSInvalidStateException", "Encrypt");
  }

  @Test
  void usageAndConfigurationErrorsHaveTheirOwnStatuses() {
    CliRunner.Result unknown = mrk.run("describe-key");
    assertEquals(Mrk.USAGE, unknown.status());
    assertTrue(unknown.err().contains("--key-id"), unknown.err());
    assertEquals(Mrk.USAGE, mrk.run("no-such-command").status());
    createMultiRegionKey();
    CliRunner.Result wrongPassword = mrk.with("MRK_KEYSTORE_PASSWORD", "nope").run("list-keys");
    assertEquals(Mrk.CONFIGURATION, wrongPassword.status());
    assertTrue(wrongPassword.err().contains("password"), wrongPassword.err());
    CliRunner.Result noRegion = mrk.without("AWS_REGION").run("list-keys");
    assertEquals(Mrk.CONFIGURATION, noRegion.status());
    assertTrue(noRegion.err().contains("region"), noRegion.err());
  }

  @Test
  void listKeysAliasesAndRotations() {
    String keyId = createMultiRegionKey();
    mrk.run("create-alias", "--alias-name", "alias/orders", "--target-key-id", keyId).ok();
    mrk.run("rotate-key-on-demand", "--key-id", keyId).json();
    assertEquals(1, mrk.run("list-keys").list("Keys").size());
    assertEquals(1, mrk.run("list-aliases").list("Aliases").size());
    assertEquals(1, mrk.run("list-key-rotations", "--key-id", keyId).list("Rotations").size());
    assertEquals(0, mrk.run("--region", "eu-west-1", "list-aliases").list("Aliases").size());
  }

  @Test
  void exportRegionWritesOnlyThatRegionsKeys() {
    String keyId = createMultiRegionKey();
    mrk.run("replicate-key", "--key-id", keyId, "--replica-region", "eu-west-1").json();
    mrk.run("create-key").json();
    Path export = dir.resolve("eu-west-1.mrk");
    mrk.run("--region", "eu-west-1", "export-region", "--out", export.toString()).json();
    CliRunner exported = new CliRunner(export);
    assertEquals(1, exported.run("--region", "eu-west-1", "list-keys").list("Keys").size());
    assertEquals(0, exported.run("--region", "us-east-1", "list-keys").list("Keys").size());
  }

  @Test
  void demoRunsAndEveryStepHolds() {
    CliRunner.Result demo = mrk.run("demo");
    assertEquals(0, demo.status(), demo.out() + demo.err());
    assertTrue(demo.out().contains("Every step behaved as stated."), demo.out());
    assertFalse(demo.out().contains("[FAIL]"), demo.out());
  }

  @Test
  void completionScriptNamesTheCommands() {
    CliRunner.Result r = mrk.run("completion");
    assertEquals(0, r.status());
    assertTrue(r.out().contains("replicate-key") && r.out().contains("update-primary-region"));
  }
}
