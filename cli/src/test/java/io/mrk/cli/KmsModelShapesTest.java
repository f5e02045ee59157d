package io.mrk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.json.Json;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every command's output against botocore's KMS model ({@code service-2.json}): each member mrk
 * prints must be a member of the operation's output shape with the model's type (recursively, into
 * lists, structures and maps), every command of the CLI is exercised, and every model member mrk
 * never prints is listed below with the reason. Skipped loudly when botocore is not installed.
 */
class KmsModelShapesTest {

  /** Commands that are MRK's own, not KMS operations. */
  private static final Set<String> NOT_KMS = Set.of("encrypt-file", "decrypt-file", "export-region", "audit", "demo",
      "completion", "help", "verify");

  /** Output members the CLI never prints, with the reason; anything else missing fails the test. */
  private static final Map<String, String> NEVER_PRINTED = Map.ofEntries(
      Map.entry("*.CiphertextForRecipient", "no Nitro Enclaves attestation (the Recipient parameter)"),
      Map.entry("Decrypt.KeyMaterialId", "needs provider API: the material id of a ciphertext's version"),
      Map.entry("GenerateDataKey.KeyMaterialId", "needs provider API: the material id the Cipher used"),
      Map.entry("GenerateDataKeyWithoutPlaintext.KeyMaterialId", "needs provider API: the material id the Cipher used"),
      Map.entry("ReEncrypt.SourceKeyMaterialId", "needs provider API: the material id of a ciphertext's version"),
      Map.entry("ReEncrypt.DestinationKeyMaterialId", "needs provider API: the material id the Cipher used"),
      Map.entry("*.NextMarker", "printed only when a --no-paginate page is truncated"),
      Map.entry("*.KeyMetadata.SigningAlgorithms", "symmetric keys only: no signing"),
      Map.entry("*.KeyMetadata.KeyAgreementAlgorithms", "symmetric keys only"),
      Map.entry("*.KeyMetadata.MacAlgorithms", "symmetric encryption keys only: no HMAC keys"),
      Map.entry("*.KeyMetadata.CustomKeyStoreId", "no custom key stores"),
      Map.entry("*.KeyMetadata.CloudHsmClusterId", "no custom key stores"),
      Map.entry("*.KeyMetadata.ExpirationModel", "no imported key material"),
      Map.entry("*.KeyMetadata.ValidTo", "no imported key material"),
      Map.entry("*.KeyMetadata.XksKeyConfiguration", "no external key stores"),
      Map.entry("*.ReplicaKeyMetadata.SigningAlgorithms", "symmetric keys only: no signing"),
      Map.entry("*.ReplicaKeyMetadata.KeyAgreementAlgorithms", "symmetric keys only"),
      Map.entry("*.ReplicaKeyMetadata.MacAlgorithms", "symmetric encryption keys only: no HMAC keys"),
      Map.entry("*.ReplicaKeyMetadata.CustomKeyStoreId", "no custom key stores"),
      Map.entry("*.ReplicaKeyMetadata.CloudHsmClusterId", "no custom key stores"),
      Map.entry("*.ReplicaKeyMetadata.ExpirationModel", "no imported key material"),
      Map.entry("*.ReplicaKeyMetadata.ValidTo", "no imported key material"),
      Map.entry("*.ReplicaKeyMetadata.XksKeyConfiguration", "no external key stores"),
      Map.entry("*.KeyMetadata.XksKeyConfiguration.Id", "no external key stores"),
      Map.entry("*.ReplicaKeyMetadata.XksKeyConfiguration.Id", "no external key stores"),
      Map.entry("GetKeyRotationStatus.OnDemandRotationStartDate", "an MRK rotation completes within the call:"
          + " never in progress"),
      Map.entry("CreateKey.KeyMetadata.DeletionDate", "a new key is never pending deletion"),
      Map.entry("CreateKey.KeyMetadata.MultiRegionConfiguration.ReplicaKeys.Arn", "a new key has no replicas"),
      Map.entry("CreateKey.KeyMetadata.MultiRegionConfiguration.ReplicaKeys.Region", "a new key has no replicas"),
      Map.entry("CreateKey.KeyMetadata.PendingDeletionWindowInDays", "a new key is never pending deletion"),
      Map.entry("*.ReplicaKeyMetadata.PendingDeletionWindowInDays", "a new replica is never pending deletion"),
      Map.entry("*.ReplicaKeyMetadata.DeletionDate", "a new replica is never pending deletion"),
      Map.entry("*.Rotations.KeyMaterialDescription", "no imported key material"),
      Map.entry("*.Rotations.ImportState", "no imported key material"),
      Map.entry("*.Rotations.ExpirationModel", "no imported key material"),
      Map.entry("*.Rotations.ValidTo", "no imported key material"),
      Map.entry("*.Grants.Constraints.EncryptionContextEquals", "this run's grants use EncryptionContextSubset"),
      Map.entry("ScheduleKeyDeletion.DeletionDate", "absent for PendingReplicaDeletion, as in KMS"));

  @TempDir
  Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void everyCommandPrintsOnlyModelMembersWithModelTypes() throws Exception {
    Path modelFile = botocoreModel();
    Assumptions.assumeTrue(modelFile != null, "SKIPPED: botocore's KMS model (service-2.json) was not found");
    Map<String, Object> model;
    try (InputStream in = modelFile.toString().endsWith(".gz")
        ? new GZIPInputStream(Files.newInputStream(modelFile)) : Files.newInputStream(modelFile)) {
      model = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    Map<String, Object> operations = (Map<String, Object>) model.get("operations");
    Map<String, Object> shapes = (Map<String, Object>) model.get("shapes");

    CliRunner mrk = new CliRunner(dir.resolve("keystore.mrk"));
    String key = (String) mrk.run("create-key", "--multi-region", "--tags", "TagKey=a,TagValue=b")
        .object("KeyMetadata").get("KeyId");
    String single = (String) mrk.run("create-key").object("KeyMetadata").get("KeyId");
    mrk.run("create-alias", "--alias-name", "alias/shapes", "--target-key-id", key).ok();
    String blob = (String) mrk.run("encrypt", "--key-id", key, "--plaintext", "aGVsbG8=").json().get("CiphertextBlob");
    String token = (String) mrk.run("create-grant", "--key-id", key, "--grantee-principal",
        "arn:aws:iam::111122223333:role/app", "--operations", "Decrypt", "--retiring-principal",
        "arn:aws:iam::111122223333:role/ops", "--constraints", "EncryptionContextSubset={t=1}", "--name", "r").json()
        .get("GrantToken");
    String ops = "arn:aws:iam::111122223333:role/ops";
    String revocable = (String) mrk.run("create-grant", "--key-id", key, "--grantee-principal",
        "arn:aws:iam::111122223333:role/tmp", "--operations", "Encrypt").json().get("GrantId");
    List<List<String>> scenario = List.of(
        List.of("describe-key", "--key-id", key),
        List.of("list-keys"),
        List.of("list-keys", "--no-paginate"),
        List.of("update-key-description", "--key-id", key, "--description", "d"),
        List.of("generate-data-key", "--key-id", key, "--key-spec", "AES_256"),
        List.of("generate-data-key-without-plaintext", "--key-id", key, "--number-of-bytes", "16"),
        List.of("re-encrypt", "--ciphertext-blob", blob, "--destination-key-id", single),
        List.of("generate-random", "--number-of-bytes", "8"),
        List.of("replicate-key", "--key-id", key, "--replica-region", "eu-west-1", "--tags", "TagKey=r,TagValue=1"),
        List.of("update-primary-region", "--key-id", key, "--primary-region", "eu-west-1"),
        List.of("--region", "eu-west-1", "update-primary-region", "--key-id", key, "--primary-region", "us-east-1"),
        List.of("update-alias", "--alias-name", "alias/shapes", "--target-key-id", key),
        List.of("list-aliases"),
        List.of("list-aliases", "--key-id", key, "--no-paginate"),
        List.of("enable-key-rotation", "--key-id", key),
        List.of("get-key-rotation-status", "--key-id", key),
        List.of("rotate-key-on-demand", "--key-id", key),
        List.of("list-key-rotations", "--key-id", key),
        List.of("list-key-rotations", "--key-id", single, "--include-key-material", "ALL_KEY_MATERIAL"),
        List.of("disable-key-rotation", "--key-id", key),
        List.of("tag-resource", "--key-id", key, "--tags", "TagKey=c,TagValue=d"),
        List.of("list-resource-tags", "--key-id", key, "--no-paginate"),
        List.of("untag-resource", "--key-id", key, "--tag-keys", "c"),
        List.of("get-key-policy", "--key-id", key),
        List.of("list-retirable-grants", "--retiring-principal", ops, "--no-paginate"),
        List.of("list-grants", "--key-id", key),
        List.of("list-key-rotations", "--key-id", key, "--no-paginate"),
        List.of("encrypt", "--key-id", key, "--plaintext", "aGVsbG8="),
        List.of("decrypt", "--ciphertext-blob", blob),
        List.of("disable-key", "--key-id", single),
        List.of("enable-key", "--key-id", single),
        List.of("retire-grant", "--grant-token", token),
        List.of("revoke-grant", "--key-id", key, "--grant-id", revocable),
        List.of("create-grant", "--key-id", key, "--grantee-principal", "arn:aws:iam::111122223333:role/x",
            "--operations", "Encrypt", "--name", "n"),
        List.of("list-grants", "--key-id", key, "--no-paginate"),
        List.of("schedule-key-deletion", "--key-id", single, "--pending-window-in-days", "7"),
        List.of("describe-key", "--key-id", single),
        List.of("cancel-key-deletion", "--key-id", single),
        List.of("--region", "eu-west-1", "schedule-key-deletion", "--key-id", key),
        List.of("schedule-key-deletion", "--key-id", key),
        List.of("describe-key", "--key-id", key),
        List.of("put-key-policy", "--key-id", single, "--policy", policyOf(mrk, single)),
        List.of("delete-alias", "--alias-name", "alias/shapes"),
        List.of("create-key", "--multi-region"));

    Map<String, String> operationOf = operationsByCommand();
    Set<String> covered = new TreeSet<>(List.of("create-key", "create-alias", "create-grant", "encrypt"));
    List<String> failures = new ArrayList<>();
    Map<String, Set<String>> printed = new HashMap<>();
    for (List<String> args : scenario) {
      CliRunner.Result r = mrk.run(args.toArray(new String[0]));
      String command = args.stream().filter(operationOf::containsKey).findFirst().orElseThrow();
      assertEquals(0, r.status(), args + ": " + r.err());
      covered.add(command);
      String operation = operationOf.get(command);
      Map<String, Object> op = (Map<String, Object>) operations.get(operation);
      assertTrue(op != null, command + ": " + operation + " is not a KMS operation");
      Map<String, Object> output = (Map<String, Object>) op.get("output");
      if (r.out().isEmpty()) {
        continue;
      }
      if (output == null) {
        failures.add(command + ": prints output, the model has none");
        continue;
      }
      Set<String> seen = printed.computeIfAbsent(operation, k -> new TreeSet<>());
      check(operation, Json.parse(r.out()), (String) output.get("shape"), shapes, failures, seen);
    }
    Set<String> uncovered = new TreeSet<>(operationOf.keySet());
    uncovered.removeAll(covered);
    assertTrue(uncovered.isEmpty(), "commands the scenario does not run: " + uncovered);

    for (Map.Entry<String, Set<String>> e : printed.entrySet()) {
      String operation = e.getKey();
      Map<String, Object> op = (Map<String, Object>) operations.get(operation);
      for (String member : allMembers(operation, (String) ((Map<String, Object>) op.get("output")).get("shape"), shapes)) {
        String wildcard = "*" + member.substring(member.indexOf('.'));
        if (!e.getValue().contains(member) && !NEVER_PRINTED.containsKey(member) && !NEVER_PRINTED.containsKey(wildcard)) {
          failures.add(member + ": in the model, never printed");
        }
      }
    }
    assertTrue(failures.isEmpty(), failures.size() + " differences from the model:\n" + String.join("\n", failures));
  }

  @Test
  void aMalformedKeyIdIsNotFoundAsInKms() {
    CliRunner mrk = new CliRunner(dir.resolve("keystore.mrk"));
    mrk.run("create-key").json();
    CliRunner.Result r = mrk.run("describe-key", "--key-id", "not-a-key");
    assertEquals(254, r.status());
    assertEquals("An error occurred (NotFoundException) when calling the DescribeKey operation: Invalid keyId not-a-key\n",
        r.err());
  }

  @Test
  void pendingDeletionWindowAppearsOnlyForPendingReplicaDeletion() {
    CliRunner mrk = new CliRunner(dir.resolve("keystore.mrk"));
    String single = (String) mrk.run("create-key").object("KeyMetadata").get("KeyId");
    mrk.run("schedule-key-deletion", "--key-id", single, "--pending-window-in-days", "7").json();
    assertTrue(!mrk.run("describe-key", "--key-id", single).object("KeyMetadata").containsKey("PendingDeletionWindowInDays"));
    String primary = (String) mrk.run("create-key", "--multi-region").object("KeyMetadata").get("KeyId");
    mrk.run("replicate-key", "--key-id", primary, "--replica-region", "eu-west-1").json();
    mrk.run("schedule-key-deletion", "--key-id", primary, "--pending-window-in-days", "7").json();
    Map<String, Object> meta = mrk.run("describe-key", "--key-id", primary).object("KeyMetadata");
    assertEquals("PendingReplicaDeletion", meta.get("KeyState"));
    assertTrue(meta.containsKey("PendingDeletionWindowInDays"), meta.toString());
  }

  private static String policyOf(CliRunner mrk, String key) {
    return (String) mrk.run("get-key-policy", "--key-id", key).json().get("Policy");
  }

  /** Command name -> KMS operation, for every KMS command of the CLI. */
  private static Map<String, String> operationsByCommand() {
    Map<String, String> out = new TreeMap<>();
    CommandLine cli = Mrk.commandLine(Map.of(), Map.of());
    for (Map.Entry<String, CommandLine> e : cli.getSubcommands().entrySet()) {
      if (e.getValue().getCommand() instanceof KmsCommand k && !NOT_KMS.contains(e.getKey())) {
        out.put(e.getKey(), k.operation());
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void check(String path, Object value, String shapeName, Map<String, Object> shapes,
      List<String> failures, Set<String> seen) {
    Map<String, Object> shape = (Map<String, Object>) shapes.get(shapeName);
    String type = (String) shape.get("type");
    switch (type) {
      case "structure" -> {
        if (!(value instanceof Map<?, ?> map)) {
          failures.add(path + ": expected a structure, got " + value);
          return;
        }
        Map<String, Object> members = (Map<String, Object>) shape.get("members");
        for (Map.Entry<?, ?> e : map.entrySet()) {
          String name = String.valueOf(e.getKey());
          Map<String, Object> member = (Map<String, Object>) members.get(name);
          if (member == null) {
            failures.add(path + "." + name + ": not a member of " + shapeName);
            continue;
          }
          seen.add(path + "." + name);
          check(path + "." + name, e.getValue(), (String) member.get("shape"), shapes, failures, seen);
        }
      }
      case "list" -> {
        if (!(value instanceof List<?> list)) {
          failures.add(path + ": expected a list, got " + value);
          return;
        }
        String memberShape = (String) ((Map<String, Object>) shape.get("member")).get("shape");
        for (Object item : list) {
          check(path, item, memberShape, shapes, failures, seen);
        }
      }
      case "map" -> {
        if (!(value instanceof Map<?, ?> map)) {
          failures.add(path + ": expected a map, got " + value);
          return;
        }
        String valueShape = (String) ((Map<String, Object>) shape.get("value")).get("shape");
        for (Object v : map.values()) {
          check(path + ".*", v, valueShape, shapes, failures, seen);
        }
      }
      case "string" -> expect(value instanceof String, path, type, value, failures);
      case "boolean" -> expect(value instanceof Boolean, path, type, value, failures);
      case "integer", "long" -> expect(value instanceof Number n && isIntegral(n), path, type, value, failures);
      case "timestamp" -> expect(value instanceof String s && parsesAsTimestamp(s), path, type, value, failures);
      case "blob" -> expect(value instanceof String s && isBase64(s), path, type, value, failures);
      default -> failures.add(path + ": unexpected model type " + type);
    }
  }

  /** Every member path of an output shape, through structures and lists. */
  @SuppressWarnings("unchecked")
  private static Set<String> allMembers(String path, String shapeName, Map<String, Object> shapes) {
    Set<String> out = new TreeSet<>();
    collect(path, shapeName, shapes, out, 0);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void collect(String path, String shapeName, Map<String, Object> shapes, Set<String> out, int depth) {
    Map<String, Object> shape = (Map<String, Object>) shapes.get(shapeName);
    if (depth > 6) {
      return;
    }
    if ("structure".equals(shape.get("type"))) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) shape.get("members")).entrySet()) {
        out.add(path + "." + e.getKey());
        collect(path + "." + e.getKey(), (String) ((Map<String, Object>) e.getValue()).get("shape"), shapes, out,
            depth + 1);
      }
    } else if ("list".equals(shape.get("type"))) {
      collect(path, (String) ((Map<String, Object>) shape.get("member")).get("shape"), shapes, out, depth + 1);
    }
  }

  private static void expect(boolean ok, String path, String type, Object value, List<String> failures) {
    if (!ok) {
      failures.add(path + ": expected " + type + ", got " + value + " ("
          + (value == null ? "null" : value.getClass().getSimpleName()) + ")");
    }
  }

  private static boolean isIntegral(Number n) {
    return n instanceof java.math.BigDecimal d ? d.stripTrailingZeros().scale() <= 0
        : n instanceof Long || n instanceof Integer || n instanceof java.math.BigInteger;
  }

  private static boolean parsesAsTimestamp(String s) {
    try {
      OffsetDateTime.parse(s);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static boolean isBase64(String s) {
    try {
      Base64.getDecoder().decode(s);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** service-2.json(.gz) of the botocore that python3 imports, else null. */
  private static Path botocoreModel() {
    for (String python : List.of("python3", "/usr/bin/python3")) {
      try {
        Process p = new ProcessBuilder(python, "-c", "import botocore,os;print(os.path.dirname(botocore.__file__))")
            .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
          continue;
        }
        Path dir = Path.of(out, "data", "kms", "2014-11-01");
        for (String name : List.of("service-2.json", "service-2.json.gz")) {
          if (Files.isRegularFile(dir.resolve(name))) {
            return dir.resolve(name);
          }
        }
      } catch (Exception e) {
        // try the next interpreter
      }
    }
    return null;
  }
}
