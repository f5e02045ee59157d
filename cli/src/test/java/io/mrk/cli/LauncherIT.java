package io.mrk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./mrk} launcher, after {@code package} (failsafe): what the README says of it holds.
 * Its JVM options (compiler directives, class-data sharing) print nothing of their own, and the jars
 * it runs are the ones the build made for it.
 */
class LauncherIT {

  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final Path LAUNCHER_LIB = ROOT.resolve("cli/target/launcher-lib");

  @TempDir
  Path dir;

  record Run(int status, String out, String err) {}

  private Run mrk(String... args) throws IOException, InterruptedException {
    return mrk(Map.of(), args);
  }

  /** Runs the launcher with {@code extra} variables (an empty value removes the variable). */
  private Run mrk(Map<String, String> extra, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("mrk").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.put("MRK_KEYSTORE", dir.resolve("launcher.mrk").toString());
    env.put("MRK_KEYSTORE_PASSWORD", "launcher-test-password");
    env.put("MRK_KDF", CliRunner.TEST_KDF);
    env.put("AWS_REGION", "us-east-1");
    env.remove("MRK_JAVA_OPTS");
    env.remove("MRK_NO_CDS");
    extra.forEach((name, value) -> {
      if (value.isEmpty()) {
        env.remove(name);
      } else {
        env.put(name, value);
      }
    });
    pb.redirectOutput(dir.resolve("out.txt").toFile());
    pb.redirectError(dir.resolve("err.txt").toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "./mrk " + String.join(" ", args) + " ended within 2 minutes");
    return new Run(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
  }

  @Test
  void commandsPrintOnlyTheirOwnOutput() throws Exception {
    Run version = mrk("--version");
    assertEquals(new Run(0, "mrk 0.1.0\n", ""), version);

    Run created = mrk("create-key", "--query", "KeyMetadata.KeyId", "--output", "text");
    assertEquals(0, created.status(), created.err());
    assertEquals("", created.err());
    String keyId = created.out().strip();
    assertTrue(keyId.matches("[0-9a-f-]{36}"), created.out());

    Run listed = mrk("list-keys", "--query", "Keys[].KeyId", "--output", "text");
    assertEquals(new Run(0, keyId + "\n", ""), listed);

    Run typo = mrk("list-kyes");
    assertEquals(252, typo.status());
    assertEquals("", typo.out());
    assertTrue(typo.err().contains("list-keys"), typo.err());
  }

  /**
   * The launcher's compiler directives: with the default KDF, C2 compiles Argon2's block compression
   * and no other method (cli/launcher/compiler-directives.json).
   */
  @Test
  void c2CompilesOnlyTheKdfsBlockCompression() throws Exception {
    Run created = mrk(Map.of("MRK_KDF", ""), "create-key");
    assertEquals(0, created.status(), created.err());
    Run listed = mrk(Map.of("MRK_JAVA_OPTS", "-XX:+DisplayVMOutput -XX:+PrintCompilation"), "list-keys");
    assertEquals(0, listed.status(), listed.err());
    java.util.regex.Pattern line = java.util.regex.Pattern.compile("^\\s*\\d+\\s+\\d+\\s+[%sbn! ]*\\s([0-4])\\s+(\\S+)");
    List<String> c2 = new ArrayList<>();
    for (String l : listed.out().split("\n")) {
      java.util.regex.Matcher m = line.matcher(l);
      if (m.find() && m.group(1).equals("4") && !l.contains("made not")) {
        c2.add(m.group(2));
      }
    }
    assertTrue(c2.stream().anyMatch(m -> m.startsWith("org.bouncycastle.crypto.generators.Argon2BytesGenerator$FillBlock::")),
        "C2 compiled the block compression: " + c2);
    for (String method : c2) {
      assertTrue(method.startsWith("org.bouncycastle.crypto.generators.Argon2BytesGenerator$FillBlock::")
          || method.startsWith("org.bouncycastle.crypto.generators.Argon2BytesGenerator$Block::"), "C2 compiled " + method);
    }
  }

  @Test
  void theClassDataSharingArchiveIsRecordedAfterTheBuild() throws Exception {
    assertEquals(0, mrk("--version").status());
    assertTrue(Files.isRegularFile(ROOT.resolve("cli/target/mrk-cli.jsa")), "the launcher recorded its archive");
  }

  /** Class-data sharing refuses class files older than Java 6: the launcher's picocli is compiled for 17. */
  @Test
  void theLaunchersPicocliHoldsJava17ClassFiles() throws Exception {
    Path jar;
    try (Stream<Path> jars = Files.list(LAUNCHER_LIB)) {
      jar = jars.filter(p -> p.getFileName().toString().startsWith("picocli-")).findFirst().orElseThrow();
    }
    int classes = 0;
    try (JarFile file = new JarFile(jar.toFile())) {
      for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")) {
          assertEquals(61, majorVersion(file.getInputStream(entry)), entry.getName());
          classes++;
        }
      }
    }
    assertTrue(classes > 150, "picocli's classes are all there: " + classes);
  }

  /** The launcher's Bouncy Castle is unsigned (README): no signature file is left in it. */
  @Test
  void theLaunchersBouncyCastleIsUnsigned() throws Exception {
    Path jar;
    try (Stream<Path> jars = Files.list(LAUNCHER_LIB)) {
      jar = jars.filter(p -> p.getFileName().toString().startsWith("bcprov-")).findFirst().orElseThrow();
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      assertTrue(file.stream().noneMatch(e -> e.getName().matches("META-INF/[^/]+\\.(SF|DSA|RSA|EC)")),
          "no signature in " + jar);
      String manifest = new String(file.getInputStream(file.getEntry("META-INF/MANIFEST.MF")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertTrue(!manifest.contains("SHA-256-Digest"), "no per-entry digests");
    }
  }

  private static int majorVersion(InputStream in) throws IOException {
    try (DataInputStream data = new DataInputStream(in)) {
      assertEquals(0xCAFEBABE, data.readInt());
      data.readUnsignedShort();
      return data.readUnsignedShort();
    }
  }
}
