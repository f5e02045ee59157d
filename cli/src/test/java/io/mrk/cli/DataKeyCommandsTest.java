package io.mrk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate-data-key(-without-plaintext), re-encrypt, generate-random, list-retirable-grants and the request options. */
class DataKeyCommandsTest {

  @TempDir
  Path dir;
  private CliRunner mrk;
  private String key;

  @BeforeEach
  void setUp() {
    mrk = new CliRunner(dir.resolve("keystore.mrk"));
    key = (String) mrk.run("create-key", "--multi-region").object("KeyMetadata").get("KeyId");
    mrk.run("replicate-key", "--key-id", key, "--replica-region", "eu-west-1").json();
  }

  @Test
  void aDataKeyDecryptsToItsPlaintextInAnyRegionWithItsContext() {
    Map<String, Object> dk = mrk.run("generate-data-key", "--key-id", key, "--key-spec", "AES_256",
        "--encryption-context", "tenant=7").json();
    byte[] plaintext = Base64.getDecoder().decode((String) dk.get("Plaintext"));
    assertEquals(32, plaintext.length);
    assertEquals("arn:aws:kms:us-east-1:111122223333:key/" + key, dk.get("KeyId"));
    Map<String, Object> opened = mrk.run("--region", "eu-west-1", "decrypt", "--ciphertext-blob",
        (String) dk.get("CiphertextBlob"), "--encryption-context", "tenant=7").json();
    assertEquals(dk.get("Plaintext"), opened.get("Plaintext"));
    assertEquals(254, mrk.run("decrypt", "--ciphertext-blob", (String) dk.get("CiphertextBlob")).status());

    Map<String, Object> other = mrk.run("generate-data-key", "--key-id", key, "--number-of-bytes", "7").json();
    assertEquals(7, Base64.getDecoder().decode((String) other.get("Plaintext")).length);
    assertFalse(dk.get("Plaintext").equals(other.get("Plaintext")));
    assertEquals(254, mrk.run("generate-data-key", "--key-id", key).status());
    assertEquals(254, mrk.run("generate-data-key", "--key-id", key, "--number-of-bytes", "1025").status());
    assertEquals(254, mrk.run("generate-data-key", "--key-id", key, "--key-spec", "AES_256", "--number-of-bytes", "3")
        .status());
  }

  @Test
  void withoutPlaintextPrintsNoPlaintext() {
    Map<String, Object> dk = mrk.run("generate-data-key-without-plaintext", "--key-id", key, "--key-spec", "AES_128")
        .json();
    assertEquals(List.of("CiphertextBlob", "KeyId"), List.copyOf(dk.keySet()));
    String plain = (String) mrk.run("decrypt", "--ciphertext-blob", (String) dk.get("CiphertextBlob")).json()
        .get("Plaintext");
    assertEquals(16, Base64.getDecoder().decode(plain).length);
  }

  @Test
  void reEncryptMovesACiphertextToAnotherKeyAndContext() {
    String other = (String) mrk.run("create-key").object("KeyMetadata").get("KeyId");
    String blob = (String) mrk.run("encrypt", "--key-id", key, "--plaintext", "aGVsbG8=",
        "--encryption-context", "a=1").json().get("CiphertextBlob");
    Map<String, Object> moved = mrk.run("re-encrypt", "--ciphertext-blob", blob, "--source-encryption-context", "a=1",
        "--destination-key-id", other, "--destination-encryption-context", "b=2").json();
    assertEquals("arn:aws:kms:us-east-1:111122223333:key/" + key, moved.get("SourceKeyId"));
    assertEquals("arn:aws:kms:us-east-1:111122223333:key/" + other, moved.get("KeyId"));
    assertEquals("aGVsbG8=", mrk.run("decrypt", "--ciphertext-blob", (String) moved.get("CiphertextBlob"),
        "--encryption-context", "b=2").json().get("Plaintext"));
    assertEquals(254, mrk.run("re-encrypt", "--ciphertext-blob", blob, "--destination-key-id", other).status());
  }

  @Test
  void generateRandomNeedsNoKeystore() {
    CliRunner fresh = new CliRunner(dir.resolve("none.mrk"));
    String random = (String) fresh.run("generate-random", "--number-of-bytes", "32").json().get("Plaintext");
    assertEquals(32, Base64.getDecoder().decode(random).length);
    assertFalse(Files.exists(dir.resolve("none.mrk")));
    assertEquals(254, fresh.run("generate-random", "--number-of-bytes", "0").status());
  }

  @Test
  void dryRunChecksAndStops() {
    CliRunner.Result r = mrk.run("encrypt", "--key-id", key, "--plaintext", "aGVsbG8=", "--dry-run");
    assertEquals(254, r.status());
    assertTrue(r.err().startsWith("An error occurred (DryRunOperationException) when calling the Encrypt operation:"
        + " The request would have succeeded, but the DryRun option is set."), r.err());
    mrk.run("disable-key", "--key-id", key).ok();
    CliRunner.Result disabled = mrk.run("encrypt", "--key-id", key, "--plaintext", "aGVsbG8=", "--dry-run");
    assertTrue(disabled.err().contains("(DisabledException)"), disabled.err());
  }

  @Test
  void grantTokensAndAlgorithmsAreCheckedAsKmsChecksThem() {
    assertEquals(0, mrk.run("encrypt", "--key-id", key, "--plaintext", "aGVsbG8=", "--grant-tokens", "t1", "t2",
        "--encryption-algorithm", "SYMMETRIC_DEFAULT").status());
    CliRunner.Result rsa = mrk.run("encrypt", "--key-id", key, "--plaintext", "aGVsbG8=", "--encryption-algorithm",
        "RSAES_OAEP_SHA_256");
    assertTrue(rsa.err().contains("(InvalidKeyUsageException)"), rsa.err());
    CliRunner.Result unknown = mrk.run("encrypt", "--key-id", key, "--plaintext", "aGVsbG8=", "--encryption-algorithm",
        "ROT13");
    assertTrue(unknown.err().contains("(ValidationException)"), unknown.err());
    java.util.List<String> eleven = new java.util.ArrayList<>(List.of("encrypt", "--key-id", key, "--plaintext",
        "aGVsbG8=", "--grant-tokens"));
    for (int i = 0; i < 11; i++) {
      eleven.add("t" + i);
    }
    CliRunner.Result tooMany = mrk.run(eleven.toArray(new String[0]));
    assertTrue(tooMany.err().contains("(ValidationException)") && tooMany.err().contains("grantTokens"), tooMany.err());
  }

  @Test
  void listRetirableGrantsFindsTheGrantsOfARetiringPrincipal() {
    String ops = "arn:aws:iam::111122223333:role/ops";
    mrk.run("create-grant", "--key-id", key, "--grantee-principal", "arn:aws:iam::111122223333:role/app",
        "--operations", "Decrypt", "--retiring-principal", ops).json();
    mrk.run("create-grant", "--key-id", key, "--grantee-principal", "arn:aws:iam::111122223333:role/app",
        "--operations", "Encrypt").json();
    List<Object> grants = mrk.run("list-retirable-grants", "--retiring-principal", ops).list("Grants");
    assertEquals(1, grants.size());
    assertEquals(ops, ((Map<?, ?>) grants.get(0)).get("RetiringPrincipal"));
  }

  @Test
  void listKeyRotationsNamesTheCurrentMaterial() {
    Map<String, Object> first = mrk.run("list-key-rotations", "--key-id", key, "--include-key-material",
        "ALL_KEY_MATERIAL").json();
    List<?> rows = (List<?>) first.get("Rotations");
    assertEquals(1, rows.size());
    assertEquals("CURRENT", ((Map<?, ?>) rows.get(0)).get("KeyMaterialState"));
    mrk.run("rotate-key-on-demand", "--key-id", key).json();
    mrk.run("rotate-key-on-demand", "--key-id", key).json();
    List<?> rotations = mrk.run("list-key-rotations", "--key-id", key).list("Rotations");
    assertEquals(List.of("NON_CURRENT", "CURRENT"),
        rotations.stream().map(r -> ((Map<?, ?>) r).get("KeyMaterialState")).toList());
  }
}
