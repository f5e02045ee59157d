package io.mrk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reproduction of issue 9 item 1, run as a user would: separate {@code mrk} processes (the
 * command {@code ./mrk} executes: {@code java -cp ... io.mrk.cli.Mrk}) under {@code faketime} on
 * both sides of a rotation date. Readers past the date mint nothing; the next writing command
 * persists the rotation; every ciphertext decrypts in every Region afterwards, with or without
 * faketime, and every process counts the same rotations.
 */
class FaketimeRotationTest {

  @TempDir
  Path dir;

  @Test
  void ciphertextsSurviveTheRotationDateAcrossProcesses() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/faketime")) || onPath("faketime"),
        "SKIPPED: faketime is not installed (Debian package faketime; .ci/run installs it)");
    Path plain = Files.writeString(dir.resolve("plain.txt"), "order 1042");
    String keyId = (String) object(mrk(null, "create-key", "--multi-region"), "KeyMetadata").get("KeyId");
    mrk(null, "replicate-key", "--key-id", keyId, "--replica-region", "eu-west-1");
    mrk(null, "enable-key-rotation", "--key-id", keyId, "--rotation-period-in-days", "90");

    Path c1 = blob(mrk("+91d", "encrypt", "--key-id", keyId, "--plaintext", "fileb://" + plain), "c1");
    assertEquals("order 1042", plaintext(mrk("+92d", "--region", "eu-west-1", "decrypt", "--ciphertext-blob",
        "fileb://" + c1)), "a reader past the date minted nothing another process lacks");
    assertEquals(0, rotations(mrk("+92d", "list-key-rotations", "--key-id", keyId)));

    // Any writing command persists the due rotation.
    mrk("+92d", "tag-resource", "--key-id", keyId, "--tags", "TagKey=t,TagValue=v");
    Path c2 = blob(mrk("+93d", "--region", "eu-west-1", "encrypt", "--key-id", keyId, "--plaintext",
        "fileb://" + plain), "c2");
    for (String when : new String[] {"+93d", "+400d", null}) {
      for (String region : List.of("us-east-1", "eu-west-1")) {
        assertEquals(1, rotations(mrk(when, "--region", region, "list-key-rotations", "--key-id", keyId)),
            region + " at " + when);
        for (Path c : List.of(c1, c2)) {
          assertEquals("order 1042", plaintext(mrk(when, "--region", region, "decrypt", "--ciphertext-blob",
              "fileb://" + c)), c + " in " + region + " at " + when);
        }
      }
    }
  }

  private static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  /** Runs {@code mrk args} in a new JVM, under {@code faketime offset} unless null; returns its output. */
  private String mrk(String offset, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    if (offset != null) {
      command.addAll(List.of("faketime", offset.replace("d", " days")));
    }
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Mrk.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("MRK_KEYSTORE", dir.resolve("keys.mrk").toString());
    pb.environment().put("MRK_KEYSTORE_PASSWORD", "faketime password");
    pb.environment().put("MRK_KDF", CliRunner.TEST_KDF);
    pb.environment().put("AWS_REGION", "us-east-1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "mrk did not exit");
    assertEquals(0, p.exitValue(), String.join(" ", args) + " at " + offset + " failed:\n" + out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(String json, String field) throws Exception {
    return (Map<String, Object>) ((Map<String, Object>) Json.parse(json)).get(field);
  }

  @SuppressWarnings("unchecked")
  private static Object field(String json, String field) throws Exception {
    return ((Map<String, Object>) Json.parse(json)).get(field);
  }

  private Path blob(String json, String name) throws Exception {
    return Files.write(dir.resolve(name), Base64.getDecoder().decode((String) field(json, "CiphertextBlob")));
  }

  private static String plaintext(String json) throws Exception {
    return new String(Base64.getDecoder().decode((String) field(json, "Plaintext")), StandardCharsets.UTF_8);
  }

  private static int rotations(String json) throws Exception {
    return ((List<?>) field(json, "Rotations")).size();
  }
}
