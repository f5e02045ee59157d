package io.mrk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writing commands started together in their own JVMs: each opens the keystore beside its start-up
 * ({@link EarlyOpen}), so most of them hold a generation that another has already replaced by the time
 * they write. None may lose another's write: every tag and alias is there afterwards, each write is
 * audited once, and the audit trail verifies.
 */
class ConcurrentWritersTest {

  private static final int WRITERS = 6;

  @TempDir
  Path dir;

  @Test
  void writersStartedTogetherKeepEachOthersWrites() throws Exception {
    Path keystore = dir.resolve("keystore.mrk");
    CliRunner mrk = new CliRunner(keystore);
    String keyId = (String) mrk.run("create-key").object("KeyMetadata").get("KeyId");

    List<Process> writers = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      writers.add(start(keystore, "tag-resource", "--key-id", keyId, "--tags", "TagKey=writer-" + i + ",TagValue=" + i));
      writers.add(start(keystore, "create-alias", "--alias-name", "alias/writer-" + i, "--target-key-id", keyId));
    }
    for (Process p : writers) {
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "a writer did not finish");
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), "a writer failed:\n" + out);
    }

    Set<String> tags = new HashSet<>();
    for (Object tag : mrk.run("list-resource-tags", "--key-id", keyId).list("Tags")) {
      tags.add((String) ((Map<?, ?>) tag).get("TagKey"));
    }
    Set<String> aliases = new HashSet<>();
    for (Object alias : mrk.run("list-aliases").list("Aliases")) {
      aliases.add((String) ((Map<?, ?>) alias).get("AliasName"));
    }
    for (int i = 0; i < WRITERS; i++) {
      assertTrue(tags.contains("writer-" + i), "tag of writer " + i + " kept: " + tags);
      assertTrue(aliases.contains("alias/writer-" + i), "alias of writer " + i + " kept: " + aliases);
    }
    assertEquals(WRITERS, mrk.run("audit", "--event-name", "TagResource").out().lines().count());
    assertEquals(WRITERS, mrk.run("audit", "--event-name", "CreateAlias").out().lines().count());
    CliRunner.Result verify = mrk.run("audit", "verify");
    assertEquals(0, verify.status(), verify.out() + verify.err());
  }

  private Process start(Path keystore, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Mrk.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("MRK_KEYSTORE", keystore.toString());
    env.put("MRK_KEYSTORE_PASSWORD", "cli-test-password");
    env.put("MRK_KDF", CliRunner.TEST_KDF);
    env.put("AWS_REGION", "us-east-1");
    env.remove("MRK_PRINCIPAL");
    return builder.start();
  }
}
