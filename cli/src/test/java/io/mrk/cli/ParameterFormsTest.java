package io.mrk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Structured parameters in every form the aws CLI takes (JSON, shorthand, file://, fileb://), the
 * global options (--query, --cli-input-json, --generate-cli-skeleton, pagination), and client-side
 * errors in the aws CLI's words with status 252, found before the keystore is opened.
 */
class ParameterFormsTest {

  @TempDir
  Path dir;
  private CliRunner mrk;
  private String key;
  private Path plain;

  @BeforeEach
  void setUp() throws Exception {
    mrk = new CliRunner(dir.resolve("keystore.mrk"));
    key = (String) mrk.run("create-key", "--multi-region").object("KeyMetadata").get("KeyId");
    plain = dir.resolve("order.json");
    Files.writeString(plain, "{\"order\":1042}");
  }

  private static void assertParamError(CliRunner.Result r, String parameter, String words) {
    assertEquals(252, r.status(), r.err());
    assertTrue(r.err().startsWith("Error parsing parameter '" + parameter + "': "), r.err());
    assertTrue(r.err().contains(words), r.err());
    assertEquals("", r.out());
  }

  private String encrypt(String... context) {
    List<String> args = new java.util.ArrayList<>(List.of("encrypt", "--key-id", key, "--plaintext", "fileb://" + plain,
        "--query", "CiphertextBlob", "--output", "text"));
    if (context.length > 0) {
      args.add("--encryption-context");
      args.addAll(List.of(context));
    }
    CliRunner.Result r = mrk.run(args.toArray(new String[0]));
    assertEquals(0, r.status(), r.err());
    return r.out().strip();
  }

  private CliRunner.Result decrypt(String blob, String... context) {
    List<String> args = new java.util.ArrayList<>(List.of("decrypt", "--ciphertext-blob", blob));
    if (context.length > 0) {
      args.add("--encryption-context");
      args.addAll(List.of(context));
    }
    return mrk.run(args.toArray(new String[0]));
  }

  @Test
  void theEncryptionContextTakesJsonShorthandAndFiles() throws Exception {
    String blob = encrypt("{\"tenant\":\"7\",\"table\":\"orders\"}");
    assertEquals(0, decrypt(blob, "tenant=7,table=orders").status());
    assertEquals(0, decrypt(blob, "table='orders'", "tenant=\"7\"").status());
    Path context = dir.resolve("context.json");
    Files.writeString(context, "{\"table\": \"orders\", \"tenant\": \"7\"}");
    assertEquals(0, decrypt(blob, "file://" + context).status());
    assertEquals(254, decrypt(blob, "tenant=8,table=orders").status());
  }

  @Test
  void blobsAreRawBytesFromFilebAndBase64Otherwise() throws Exception {
    String blob = encrypt();
    Path raw = dir.resolve("order.mrk");
    Files.write(raw, Base64.getDecoder().decode(blob));
    String viaFile = decrypt("fileb://" + raw).json().get("Plaintext").toString();
    String viaBase64 = decrypt(blob).json().get("Plaintext").toString();
    assertEquals(viaFile, viaBase64);
    assertEquals("{\"order\":1042}", new String(Base64.getDecoder().decode(viaFile), StandardCharsets.UTF_8));
    assertParamError(decrypt("not base64!"), "--ciphertext-blob", "Invalid base64");
  }

  @Test
  void tagsTakeJsonListsAndShorthand() {
    mrk.run("tag-resource", "--key-id", key, "--tags", "[{\"TagKey\":\"a\",\"TagValue\":\"b\"}]").ok();
    mrk.run("tag-resource", "--key-id", key, "--tags", "TagKey=c,TagValue=d", "TagKey=e,TagValue=").ok();
    assertEquals(List.of(Map.of("TagKey", "a", "TagValue", "b"), Map.of("TagKey", "c", "TagValue", "d"),
        Map.of("TagKey", "e", "TagValue", "")), mrk.run("list-resource-tags", "--key-id", key).list("Tags"));
    assertParamError(mrk.run("tag-resource", "--key-id", key, "--tags", "TagKey=a,Value=b"), "--tags",
        "Unknown parameter in Tags[0]: \"Value\", must be one of: TagKey, TagValue");
  }

  @Test
  void policiesComeFromFiles() throws Exception {
    String policy = mrk.run("get-key-policy", "--key-id", key, "--query", "Policy", "--output", "text").out().strip();
    Path file = dir.resolve("policy.json");
    Files.writeString(file, policy.replace("Enable IAM User Permissions", "From a file"));
    mrk.run("put-key-policy", "--key-id", key, "--policy", "file://" + file).ok();
    assertTrue(mrk.run("get-key-policy", "--key-id", key).json().get("Policy").toString().contains("From a file"));
    assertEquals("default", mrk.run("get-key-policy", "--key-id", key).json().get("PolicyName"));
    assertParamError(mrk.run("put-key-policy", "--key-id", key, "--policy", "file://" + dir.resolve("nope.json")),
        "--policy", "Unable to load paramfile file://" + dir.resolve("nope.json")
            + ": [Errno 2] No such file or directory: '" + dir.resolve("nope.json") + "'");
  }

  @Test
  void clientSideMistakesReadAsTheAwsCliWritesThem() {
    assertParamError(mrk.run("encrypt", "--key-id", key, "--plaintext", "fileb://order-missing.json"), "--plaintext",
        "Unable to load paramfile fileb://order-missing.json: [Errno 2] No such file or directory: 'order-missing.json'");
    assertParamError(mrk.run("encrypt", "--key-id", key, "--plaintext", "fileb://" + dir), "--plaintext",
        "[Errno 21] Is a directory");
    assertParamError(mrk.run("encrypt", "--key-id", key, "--plaintext", "fileb://" + plain, "--encryption-context", "a"),
        "--encryption-context", "Expected: '=', received: 'EOF' for input:\na\n ^");
    assertParamError(mrk.run("encrypt", "--key-id", key, "--plaintext", "fileb://" + plain, "--encryption-context",
        "{\"a\": 1}"), "--encryption-context", "Invalid type for parameter a");
    assertParamError(mrk.run("encrypt", "--key-id", key, "--plaintext", "fileb://" + plain, "--encryption-context",
        "{bad"), "--encryption-context", "Invalid JSON");
  }

  @Test
  void oversizedInputsFailFastAndNamed() {
    CliRunner.Result zero = mrk.run("encrypt", "--key-id", key, "--plaintext", "fileb:///dev/zero");
    assertParamError(zero, "--plaintext", "the file is larger than the 4096 bytes --plaintext takes");
    String big = "k=" + "v".repeat(70_000);
    assertParamError(mrk.run("encrypt", "--key-id", key, "--plaintext", "fileb://" + plain, "--encryption-context", big),
        "--encryption-context", "at most 65535 bytes");
  }

  @Test
  void grantConstraintsAreParsedWhole() {
    String grantee = "arn:aws:iam::111122223333:role/app";
    assertParamError(mrk.run("create-grant", "--key-id", key, "--grantee-principal", grantee, "--operations", "Decrypt",
        "--constraints", "EncryptionContextSubset={a=b,c=d},EncryptionContextEquals={e=f}"), "--constraints",
        "both EncryptionContextEquals and EncryptionContextSubset");
    assertParamError(mrk.run("create-grant", "--key-id", key, "--grantee-principal", grantee, "--operations", "Decrypt",
        "--constraints", "EncryptionContextEquals={}"), "--constraints", "is empty");
    mrk.run("create-grant", "--key-id", key, "--grantee-principal", grantee, "--operations", "Decrypt",
        "--constraints", "EncryptionContextSubset={a=b,c=d}").json();
    assertEquals(Map.of("EncryptionContextSubset", Map.of("a", "b", "c", "d")),
        ((Map<?, ?>) mrk.run("list-grants", "--key-id", key).list("Grants").get(0)).get("Constraints"));
    mrk.run("create-grant", "--key-id", key, "--grantee-principal", grantee, "--operations", "Decrypt",
        "--constraints", "{\"EncryptionContextEquals\": {\"x\": \"y\"}}").json();
    assertEquals(2, mrk.run("list-grants", "--key-id", key).list("Grants").size());
  }

  @Test
  void queryAndOutputStyles() {
    assertEquals(key + "\n", mrk.run("list-keys", "--query", "Keys[0].KeyId", "--output", "text").out());
    assertEquals("\"" + key + "\"\n", mrk.run("--query", "Keys[0].KeyId", "list-keys").out());
    CliRunner.Result bad = mrk.run("list-keys", "--query", "Keys[");
    assertParamError(bad, "--query", "Invalid jmespath expression");
    assertParamError(mrk.run("list-keys", "--output", "xml"), "--output", "valid choices are: json | text | table | yaml");
  }

  @Test
  void paginationPrintsWhatTheAwsCliPrints() {
    mrk.run("create-key").json();
    mrk.run("create-key").json();
    Map<String, Object> all = mrk.run("list-keys").json();
    assertEquals(3, ((List<?>) all.get("Keys")).size());
    assertFalse(all.containsKey("Truncated") || all.containsKey("NextMarker"), all.toString());
    Map<String, Object> first = mrk.run("list-keys", "--max-items", "2").json();
    assertEquals(2, ((List<?>) first.get("Keys")).size());
    Map<String, Object> rest = mrk.run("list-keys", "--max-items", "2", "--starting-token",
        (String) first.get("NextToken")).json();
    assertEquals(1, ((List<?>) rest.get("Keys")).size());
    assertFalse(rest.containsKey("NextToken"));
    Map<String, Object> page = mrk.run("list-keys", "--no-paginate", "--limit", "1").json();
    assertEquals(true, page.get("Truncated"));
    Map<String, Object> next = mrk.run("list-keys", "--limit", "5", "--marker", (String) page.get("NextMarker")).json();
    assertEquals(2, ((List<?>) next.get("Keys")).size());
    assertEquals(false, next.get("Truncated"));
    assertEquals(254, mrk.run("list-keys", "--limit", "5000").status());
  }

  @Test
  void cliInputJsonAndItsSkeleton() throws Exception {
    CliRunner.Result skeleton = mrk.run("encrypt", "--generate-cli-skeleton");
    assertEquals(0, skeleton.status(), skeleton.err());
    @SuppressWarnings("unchecked")
    Map<String, Object> members = (Map<String, Object>) Json.parse(skeleton.out());
    assertTrue(members.keySet().containsAll(List.of("KeyId", "Plaintext", "EncryptionContext", "GrantTokens", "DryRun")),
        members.toString());
    String input = Json.write(Map.of("KeyId", key, "Plaintext", "aGVsbG8=", "EncryptionContext", Map.of("t", "7")));
    CliRunner.Result r = mrk.run("encrypt", "--cli-input-json", input);
    assertEquals(0, r.status(), r.err());
    String blob = (String) r.json().get("CiphertextBlob");
    Path file = dir.resolve("input.json");
    Files.writeString(file, Json.write(Map.of("CiphertextBlob", blob, "EncryptionContext", Map.of("t", "7"))));
    assertEquals("aGVsbG8=", mrk.run("decrypt", "--cli-input-json", "file://" + file).json().get("Plaintext"));
    assertParamError(mrk.run("decrypt", "--cli-input-json", "{\"Nope\": 1}"), "--cli-input-json",
        "Unknown parameter in input: \"Nope\"");
  }

  @Test
  void readingAKeystoreThatDoesNotExistSaysSo() {
    CliRunner.Result r = new CliRunner(dir.resolve("typo.mrk")).run("list-keys");
    assertEquals(253, r.status());
    assertTrue(r.err().contains("There is no keystore at " + dir.resolve("typo.mrk")), r.err());
    assertFalse(Files.exists(dir.resolve("typo.mrk")));
  }
}
