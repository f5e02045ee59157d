package io.mrk.server;

import static io.mrk.server.ServerFixture.EU_WEST_1;
import static io.mrk.server.ServerFixture.US_EAST_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.json.Json;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.Region;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The aws CLI, v1 ({@code aws} on PATH, botocore) and v2 ({@code /usr/bin/aws}), against
 * {@code mrk serve}: the multi-Region scenario, the refusals each in one attempt, pagination.
 */
class AwsCliTest {

  @TempDir
  Path dir;

  private ServerFixture f;
  private String cli;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"aws", "/usr/bin/aws"})
  void multiRegionScenario(String executable) throws Exception {
    cli = executable;
    ExternalTool.assumeRuns("the aws CLI " + (executable.equals("aws") ? "v1" : "v2") + " is not installed",
        executable, "--version");
    try (ServerFixture fixture = ServerFixture.serve(dir)) {
      f = fixture;
      Map<?, ?> created = ok(US_EAST_1, "create-key", "--multi-region", "--description", "orders");
      String arn = (String) ((Map<?, ?>) created.get("KeyMetadata")).get("Arn");
      String replicaArn = arn.replace(":us-east-1:", ":eu-west-1:");
      ok(US_EAST_1, "replicate-key", "--key-id", arn, "--replica-region", "eu-west-1");
      assertEquals("REPLICA", keyType(ok(EU_WEST_1, "describe-key", "--key-id", replicaArn)));
      assertEquals("PRIMARY", keyType(ok(US_EAST_1, "describe-key", "--key-id", arn)));

      ok(US_EAST_1, "create-alias", "--alias-name", "alias/orders", "--target-key-id", arn);
      ok(EU_WEST_1, "create-alias", "--alias-name", "alias/orders-eu", "--target-key-id", replicaArn);
      assertEquals(List.of("alias/orders"), aliasNames(ok(US_EAST_1, "list-aliases")));
      assertEquals(List.of("alias/orders-eu"), aliasNames(ok(EU_WEST_1, "list-aliases")));

      Path plain = dir.resolve("plain.txt");
      Files.writeString(plain, "the secret recipe");
      Map<?, ?> enc = ok(US_EAST_1, "encrypt", "--key-id", "alias/orders", "--plaintext", "fileb://" + plain,
          "--encryption-context", "tenant=a");
      Path blob = dir.resolve("blob.bin");
      Files.write(blob, Base64.getDecoder().decode((String) enc.get("CiphertextBlob")));
      for (List<String> keyArg : List.of(List.<String>of(), List.of("--key-id", replicaArn))) {
        List<String> args = new ArrayList<>(List.of("decrypt", "--ciphertext-blob", "fileb://" + blob,
            "--encryption-context", "tenant=a"));
        args.addAll(keyArg);
        Map<?, ?> dec = ok(EU_WEST_1, args.toArray(String[]::new));
        assertEquals(replicaArn, dec.get("KeyId"));
        assertEquals("the secret recipe", new String(Base64.getDecoder().decode((String) dec.get("Plaintext")),
            StandardCharsets.UTF_8));
      }

      String single = (String) ((Map<?, ?>) ok(US_EAST_1, "create-key").get("KeyMetadata")).get("Arn");
      String euKey = (String) ((Map<?, ?>) ok(EU_WEST_1, "create-key").get("KeyMetadata")).get("Arn");
      refusedOnce(US_EAST_1, "ReplicateKey", "AlreadyExistsException",
          "replicate-key", "--key-id", arn, "--replica-region", "eu-west-1");
      refusedOnce(US_EAST_1, "ReplicateKey", "UnsupportedOperationException",
          "replicate-key", "--key-id", single, "--replica-region", "eu-west-1");
      refusedOnce(EU_WEST_1, "ReplicateKey", "UnsupportedOperationException",
          "replicate-key", "--key-id", replicaArn, "--replica-region", "ap-south-1");
      refusedOnce(EU_WEST_1, "Decrypt", "IncorrectKeyException", "decrypt", "--ciphertext-blob", "fileb://" + blob,
          "--encryption-context", "tenant=a", "--key-id", euKey);
      refusedOnce(EU_WEST_1, "Decrypt", "InvalidCiphertextException", "decrypt", "--ciphertext-blob",
          "fileb://" + blob, "--encryption-context", "tenant=b");

      ok(US_EAST_1, "update-primary-region", "--key-id", arn, "--primary-region", "eu-west-1");
      assertEquals("PRIMARY", keyType(ok(EU_WEST_1, "describe-key", "--key-id", replicaArn)));
      assertEquals("REPLICA", keyType(ok(US_EAST_1, "describe-key", "--key-id", arn)));

      f.backend.update(registry -> {
        for (int i = 0; i < 250; i++) {
          registry.client(US_EAST_1).createKey(CreateKeyRequest.singleRegionKey("bulk " + i));
        }
        return null;
      });
      int expected = f.backend.current().client(US_EAST_1).listKeys().size();
      long listCalls = f.server.requestCount(US_EAST_1, "ListKeys");
      Map<?, ?> all = ok(US_EAST_1, "list-keys", "--page-size", "100");
      assertEquals(expected, ((List<?>) all.get("Keys")).size());
      assertEquals(listCalls + (expected + 99) / 100, f.server.requestCount(US_EAST_1, "ListKeys"),
          "the CLI followed NextMarker page by page");
      ExternalTool.Result tooMany = run(US_EAST_1, "list-keys", "--limit", "5000");
      assertTrue(tooMany.err().contains("(ValidationException)"), tooMany.err());

      if (cli.equals("aws")) {
        // v1 honours the generated config's services section: no --endpoint-url at all.
        Path config = dir.resolve("aws-config");
        f.server.writeAwsConfig(config);
        Map<String, String> env = env(EU_WEST_1);
        env.put("AWS_CONFIG_FILE", config.toString());
        env.put("AWS_PROFILE", "mrk-eu-west-1");
        env.remove("AWS_REGION");
        env.put("AWS_DEFAULT_REGION", null);
        long before = f.server.requestCount(EU_WEST_1, "DescribeKey");
        ExternalTool.Result viaConfig = ExternalTool.run(env, dir, cli, "kms", "describe-key", "--key-id", replicaArn);
        assertEquals(0, viaConfig.exitCode(), viaConfig.err());
        assertTrue(viaConfig.out().contains(replicaArn), viaConfig.out());
        assertEquals(before + 1, f.server.requestCount(EU_WEST_1, "DescribeKey"));
      }
    }
  }

  private Map<String, String> env(Region region) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_ACCESS_KEY_ID", ServerFixture.ADMIN_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", ServerFixture.ADMIN_SECRET);
    env.put("AWS_DEFAULT_REGION", region.code());
    env.put("AWS_REGION", region.code());
    env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("AWS_PAGER", "");
    return env;
  }

  private ExternalTool.Result run(Region region, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(cli, "--endpoint-url", f.url(region).toString(), "--output",
        "json", "kms"));
    command.addAll(List.of(args));
    return ExternalTool.run(env(region), dir, command);
  }

  private Map<?, ?> ok(Region region, String... args) throws Exception {
    ExternalTool.Result r = run(region, args);
    assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.err());
    return r.out().isBlank() ? Map.of() : (Map<?, ?>) Json.parse(r.out());
  }

  private void refusedOnce(Region region, String operation, String error, String... args) throws Exception {
    long before = f.server.requestCount(region, operation);
    ExternalTool.Result r = run(region, args);
    assertNotEquals(0, r.exitCode());
    assertTrue(r.err().contains("(" + error + ")"), r.err());
    assertEquals(before + 1, f.server.requestCount(region, operation), operation + " was retried: " + r.err());
  }

  private static String keyType(Map<?, ?> described) {
    return (String) ((Map<?, ?>) ((Map<?, ?>) described.get("KeyMetadata")).get("MultiRegionConfiguration"))
        .get("MultiRegionKeyType");
  }

  private static List<String> aliasNames(Map<?, ?> listed) {
    List<String> out = new ArrayList<>();
    for (Object a : (List<?>) listed.get("Aliases")) {
      out.add((String) ((Map<?, ?>) a).get("AliasName"));
    }
    return out;
  }
}
