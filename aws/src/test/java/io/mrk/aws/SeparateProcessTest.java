package io.mrk.aws;

import static io.mrk.aws.ServeFixture.EU;
import static io.mrk.aws.ServeFixture.US;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Other processes on the same KMS: keytool lists a descriptor's entries, and a JVM that runs MRK on
 * the module path (modules {@code io.mrk} and {@code io.mrk.aws}, the SDK as automatic modules)
 * encrypts through a descriptor with plain JDK calls, what this JVM then decrypts in another Region.
 */
class SeparateProcessTest {

  @TempDir
  Path dir;

  @BeforeAll
  static void install() {
    ServeFixture.installProvider();
  }

  private static String java(String tool) {
    return Path.of(System.getProperty("java.home"), "bin", tool).toString();
  }

  private static String run(List<String> command) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("AWS_ACCESS_KEY_ID", ServeFixture.ACCESS_KEY);
    pb.environment().put("AWS_SECRET_ACCESS_KEY", ServeFixture.SECRET);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child did not finish");
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  void keytoolListsTheDescriptorsEntries() throws Exception {
    try (ServeFixture f = ServeFixture.start(dir)) {
      String id = f.ordersKey();
      Path descriptor = f.descriptor("keystore.properties");
      String out = run(List.of(java("keytool"), "-J-cp", "-J" + System.getProperty("java.class.path"), "-list",
          "-storetype", "MRK", "-addprovider", "MRK", "-keystore", descriptor.toString(), "-storepass", "ignored"));
      assertTrue(out.contains("Keystore type: MRK"), out);
      assertTrue(out.contains("us-east-1/alias/orders"), out);
      assertTrue(out.contains("eu-west-1/" + id), out);
    }
  }

  @Test
  void aModulePathProcessEncryptsAndThisOneDecryptsInAnotherRegion() throws Exception {
    try (ServeFixture f = ServeFixture.start(dir)) {
      f.ordersKey();
      Path descriptor = f.descriptor("keystore.properties");
      Path main = dir.resolve("Encrypt.java");
      Files.writeString(main, String.join("\n",
          "import java.io.FileInputStream;",
          "import java.security.KeyStore;",
          "import javax.crypto.Cipher;",
          "public class Encrypt {",
          "  public static void main(String[] args) throws Exception {",
          "    java.security.Security.addProvider(new io.mrk.MrkProvider());",
          "    KeyStore ks = KeyStore.getInstance(\"MRK\");",
          "    try (FileInputStream in = new FileInputStream(args[0])) { ks.load(in, null); }",
          "    Cipher c = Cipher.getInstance(\"AES/GCM/NoPadding\");",
          "    c.init(Cipher.ENCRYPT_MODE, ks.getKey(\"us-east-1/alias/orders\", null));",
          "    System.out.println(\"module=\" + ks.getProvider().getClass().getModule().getName());",
          "    System.out.println(java.util.Base64.getEncoder().encodeToString(c.doFinal(args[1].getBytes())));",
          "  }",
          "}"));
      // The module path: this module's classes, the provider's and the runtime jars; not the test-only ones.
      String modulePath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
          .filter(e -> !e.contains("test-classes") && !e.contains("/server/") && !e.contains("mrk-server")
              && !e.contains("junit") && !e.contains("opentest4j") && !e.contains("apiguardian")
              && !e.contains("surefire"))
          .collect(Collectors.joining(File.pathSeparator));
      List<String> cmd = new ArrayList<>(List.of(java("java"), "--module-path", modulePath,
          "--add-modules", "io.mrk.aws", main.toString(), descriptor.toString(), "from another JVM"));
      String[] lines = run(cmd).trim().split("\n");
      assertEquals("module=io.mrk", lines[lines.length - 2].trim(), String.join("\n", lines));
      byte[] ct = Base64.getDecoder().decode(lines[lines.length - 1].trim());

      KeyStore ks = CachingOverServeTest.typed(f, CacheLimits.DEFAULT, java.time.Clock.systemUTC());
      Cipher d = Cipher.getInstance("AES/GCM/NoPadding");
      d.init(Cipher.DECRYPT_MODE, ks.getKey("eu-west-1/alias/orders", null));
      assertArrayEquals("from another JVM".getBytes(StandardCharsets.UTF_8), d.doFinal(ct));
      assertEquals(1, f.calls(US, "GenerateDataKey"));
      assertEquals(1, f.calls(EU, "Decrypt"));
    }
  }
}
