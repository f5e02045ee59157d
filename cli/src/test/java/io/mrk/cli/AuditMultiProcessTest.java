package io.mrk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.MrkLoadStoreParameter;
import io.mrk.MrkProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many processes, one audit trail: long-running JCA applications hold the keystore loaded (the
 * README's way) while CLI commands in other JVMs read and write it. No process holds an audit lock
 * for its lifetime, so nobody is locked out, and every process's events end in one verified chain
 * per Region.
 */
class AuditMultiProcessTest {

  private static final String PASSWORD = "cli-test-password";

  @TempDir
  Path dir;

  /**
   * A long-running application (child JVM): loads the keystore through {@code MrkLoadStoreParameter},
   * binds the key once, prints {@code ready}, then for each {@code encrypt} line binds a fresh handle
   * and encrypts; {@code exit} ends it.
   */
  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    String alias = args[1];
    KeyStore ks = KeyStore.getInstance("MRK", new MrkProvider());
    ks.load(MrkLoadStoreParameter.of(file, PASSWORD.toCharArray()));
    encrypt(ks.getKey(alias, null));
    System.out.println("ready");
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.equals("exit")) {
        System.exit(0);
      }
      encrypt(ks.getKey(alias, null));
      System.out.println("ok");
    }
  }

  private static void encrypt(Key key) throws Exception {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
    cipher.init(Cipher.ENCRYPT_MODE, key);
    cipher.doFinal("hello".getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> java(String main, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main));
    command.addAll(List.of(args));
    return command;
  }

  private Process start(Path keystore, List<String> command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("MRK_KEYSTORE", keystore.toString());
    env.put("MRK_KEYSTORE_PASSWORD", PASSWORD);
    env.put("MRK_KDF", CliRunner.TEST_KDF);
    env.put("AWS_REGION", "us-east-1");
    return builder.start();
  }

  private static String await(Process p, String what) throws Exception {
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), what + " did not finish");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), what + " failed:\n" + out);
    return out;
  }

  @Test
  void longRunningApplicationsAndCliCommandsInOtherJvmsShareTheTrail() throws Exception {
    Path keystore = dir.resolve("keystore.mrk");
    CliRunner mrk = new CliRunner(keystore).with("MRK_KEYSTORE_PASSWORD", PASSWORD);
    String keyId = (String) mrk.run("create-key", "--multi-region").object("KeyMetadata").get("KeyId");
    mrk.run("replicate-key", "--key-id", keyId, "--replica-region", "eu-west-1").json();
    Path plaintext = dir.resolve("plain.txt");
    Files.writeString(plaintext, "hello");

    List<Process> apps = new ArrayList<>();
    List<BufferedReader> appOut = new ArrayList<>();
    for (String alias : List.of("us-east-1/" + keyId, "eu-west-1/" + keyId)) {
      Process app = start(keystore, java(AuditMultiProcessTest.class.getName(), keystore.toString(), alias));
      apps.add(app);
      appOut.add(new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8)));
    }
    try {
      for (BufferedReader out : appOut) {
        assertEquals("ready", out.readLine());
      }
      // While both applications hold the keystore: CLI commands in their own JVMs, reading and writing.
      List<Process> commands = List.of(
          start(keystore, java(Mrk.class.getName(), "tag-resource", "--key-id", keyId, "--region", "eu-west-1",
              "--tags", "TagKey=team,TagValue=payments")),
          start(keystore, java(Mrk.class.getName(), "list-keys")),
          start(keystore, java(Mrk.class.getName(), "encrypt", "--key-id", keyId, "--plaintext", "fileb://" + plaintext)),
          start(keystore, java(Mrk.class.getName(), "describe-key", "--key-id", keyId, "--region", "eu-west-1")));
      for (Process command : commands) {
        String out = await(command, "a CLI command beside the applications");
        assertFalse(out.contains("in use by another audit writer"), out);
        assertFalse(out.contains("warning: audit"), out);
      }
      mrk.run("enable-key-rotation", "--key-id", keyId).ok();
      for (int i = 0; i < apps.size(); i++) {
        PrintWriter in = new PrintWriter(apps.get(i).getOutputStream(), true, StandardCharsets.UTF_8);
        in.println("encrypt");
        assertEquals("ok", appOut.get(i).readLine());
        in.println("exit");
      }
      for (Process app : apps) {
        await(app, "an application");
      }
    } finally {
      apps.forEach(Process::destroyForcibly);
    }

    CliRunner.Result verify = mrk.run("audit", "verify");
    assertEquals(0, verify.status(), verify.out() + verify.err());
    List<String> encrypts = mrk.run("audit", "--event-name", "Encrypt").out().lines().toList();
    assertEquals(5, encrypts.size(), "two bindings per application and one of the CLI:\n" + String.join("\n", encrypts));
    assertEquals(1, mrk.run("audit", "--event-name", "TagResource").out().lines().count());
    assertEquals(1, mrk.run("audit", "--event-name", "EnableKeyRotation").out().lines().count());
  }
}
