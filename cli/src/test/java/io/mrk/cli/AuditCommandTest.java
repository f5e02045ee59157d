package io.mrk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.MrkKeystore;
import io.mrk.kms.Region;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --principal}, encryption-context conditions, {@code mrk audit} and {@code mrk audit verify}. */
class AuditCommandTest {

  private static final String APP = "arn:aws:iam::111122223333:role/app";
  private static final String POLICY = "{\"Statement\":[{\"Sid\":\"root\",\"Effect\":\"Allow\","
      + "\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
      + "{\"Sid\":\"app alpha only\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + APP + "\"},"
      + "\"Action\":[\"kms:Encrypt\",\"kms:Decrypt\"],\"Resource\":\"*\","
      + "\"Condition\":{\"StringEquals\":{\"kms:EncryptionContext:tenant\":\"alpha\"}}}]}";

  @TempDir
  Path dir;
  private Path keystore;
  private CliRunner mrk;
  private String keyId;
  private Path plaintext;

  @BeforeEach
  void setUp() throws Exception {
    keystore = dir.resolve("keystore.mrk");
    mrk = new CliRunner(keystore);
    keyId = (String) mrk.run("create-key", "--multi-region").object("KeyMetadata").get("KeyId");
    mrk.run("replicate-key", "--key-id", keyId, "--replica-region", "eu-west-1").json();
    mrk.run("put-key-policy", "--key-id", keyId, "--policy", POLICY).ok();
    plaintext = dir.resolve("plain.txt");
    Files.writeString(plaintext, "hello");
  }

  private CliRunner.Result encrypt(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("encrypt", "--key-id", keyId,
        "--plaintext", "fileb://" + plaintext));
    args.addAll(Arrays.asList(extra));
    return mrk.run(args.toArray(String[]::new));
  }

  @Test
  void encryptionContextConditionsAreEvaluatedWithTheCommandsContext() {
    encrypt("--principal", APP, "--encryption-context", "tenant=alpha").json();
    CliRunner.Result beta = encrypt("--principal", APP, "--encryption-context", "tenant=beta");
    assertEquals(Mrk.SERVICE, beta.status());
    assertTrue(beta.err().startsWith("An error occurred (AccessDeniedException) when calling the Encrypt operation: "
        + "User: " + APP + " is not authorized to perform: kms:Encrypt on resource: arn:aws:kms:us-east-1:"), beta.err());
    CliRunner.Result none = encrypt("--principal", APP);
    assertTrue(none.err().startsWith("An error occurred (AccessDeniedException) when calling the Encrypt operation"),
        none.err());
    CliRunner.Result otherRegion = new CliRunner(keystore).with("MRK_PRINCIPAL", APP).with("AWS_REGION", "eu-west-1")
        .run("encrypt", "--key-id", keyId, "--plaintext", "fileb://" + plaintext, "--encryption-context", "tenant=alpha");
    assertTrue(otherRegion.err().startsWith("An error occurred (AccessDeniedException)"), otherRegion.err());
    CliRunner.Result describe = mrk.run("describe-key", "--key-id", keyId, "--principal", APP);
    assertTrue(describe.err().startsWith("An error occurred (AccessDeniedException) when calling the DescribeKey"
        + " operation: User: " + APP + " is not authorized to perform: kms:DescribeKey"), describe.err());
    assertEquals(Mrk.CONFIGURATION, encrypt("--principal", "app").status());
  }

  @Test
  void grantsAreUsableAtOnceAndRespectTheirConstraints() {
    String grantee = "arn:aws:iam::111122223333:role/batch";
    mrk.run("create-grant", "--key-id", keyId, "--grantee-principal", grantee, "--operations", "Encrypt",
        "--constraints", "EncryptionContextSubset={job=nightly}").json();
    encrypt("--principal", grantee, "--encryption-context", "job=nightly", "extra=1").json();
    assertTrue(encrypt("--principal", grantee, "--encryption-context", "job=daily").err()
        .contains("(AccessDeniedException)"));
    assertTrue(encrypt("--principal", grantee).err().contains("(AccessDeniedException)"));
  }

  @Test
  void auditMergesTheRegionsInTimeOrderAndFilters() {
    encrypt("--principal", APP, "--encryption-context", "tenant=alpha").json();
    encrypt("--principal", APP, "--encryption-context", "tenant=beta");
    CliRunner.Result all = mrk.run("audit");
    assertEquals(0, all.status(), all.err());
    List<String> lines = all.out().lines().toList();
    assertEquals(6, lines.size(), all.out());
    for (String event : List.of("\"CreateKey\"", "\"ReplicateKey\"", "\"PutKeyPolicy\"", "\"Encrypt\"")) {
      assertTrue(all.out().contains("\"eventName\":" + event), event);
    }
    assertTrue(lines.get(5).contains("\"errorCode\":\"AccessDeniedException\""), lines.get(5));
    assertTrue(lines.get(5).contains("\"encryptionContext\":{\"tenant\":\"beta\"}"), lines.get(5));
    CliRunner.Result encrypts = mrk.run("audit", "--event-name", "Encrypt");
    assertEquals(2, encrypts.out().lines().count(), encrypts.out());
    CliRunner.Result west = mrk.run("audit", "--region", "eu-west-1", "--key-id", keyId);
    assertEquals(1, west.out().lines().count(), west.out());
    assertTrue(west.out().contains("\"eventName\":\"CreateKey\""));
    assertTrue(mrk.run("audit", "--output", "table").out().startsWith("TIME"));
    assertEquals(0, mrk.run("audit", "--since", "2999-01-01T00:00:00Z").out().length());
  }

  @Test
  void auditVerifyNamesTheFirstBrokenLink() throws Exception {
    CliRunner.Result intact = mrk.run("audit", "verify");
    assertEquals(0, intact.status(), intact.err());
    assertTrue(intact.out().contains("us-east-1: intact, 3 records"), intact.out());
    assertTrue(intact.out().contains("eu-west-1: intact, 1 records"), intact.out());
    Path east = MrkKeystore.auditTrail(keystore).logFile(new Region("us-east-1"));
    List<String> lines = Files.readAllLines(east, StandardCharsets.UTF_8);
    Files.write(east, List.of(lines.get(0), lines.get(2)), StandardCharsets.UTF_8);
    CliRunner.Result broken = mrk.run("audit", "verify");
    assertEquals(AuditCommand.BROKEN, broken.status(), broken.out());
    assertTrue(broken.out().contains("us-east-1: BROKEN after 1 valid records"), broken.out());
    assertTrue(broken.out().contains("BROKEN_LINK"), broken.out());
  }

  @Test
  void auditVerifyReportsATruncatedOrDeletedLogAgainstTheKeystoresAnchors() throws Exception {
    Path logs = MrkKeystore.auditTrail(keystore).directory();
    Path east = MrkKeystore.auditTrail(keystore).logFile(new Region("us-east-1"));
    List<String> lines = Files.readAllLines(east, StandardCharsets.UTF_8);
    Files.write(east, List.of(lines.get(0)), StandardCharsets.UTF_8);
    Files.delete(MrkKeystore.auditTrail(keystore).logFile(new Region("eu-west-1")));
    CliRunner.Result broken = mrk.run("audit", "verify");
    assertEquals(AuditCommand.BROKEN, broken.status(), broken.out());
    assertTrue(broken.out().contains("us-east-1: BROKEN after 1 valid records") && broken.out().contains("BEHIND_ANCHOR"),
        broken.out());
    assertTrue(broken.out().contains("eu-west-1: BROKEN") && broken.out().contains("MISSING_LOG"), broken.out());
  }
}
