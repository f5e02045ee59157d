package io.mrk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both documented ways to install the provider: with no code (a {@code security.provider.N=MRK}
 * line in a file passed with {@code -Djava.security.properties}, found through ServiceLoader) and
 * with {@link Security#addProvider}. Each runs in a fresh JVM so that nothing installed by other
 * tests leaks in.
 */
class ProviderInstallationTest {

  @TempDir
  Path dir;

  /** Run in the child JVM: prints what the JCA found for the MRK services. */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("add")) {
      Security.addProvider(new MrkProvider());
    }
    Provider mrk = Security.getProvider("MRK");
    System.out.println("provider=" + (mrk == null ? "none" : mrk.getName() + " " + mrk.getClass().getName()));
    System.out.println("keystore=" + KeyStore.getInstance("MRK").getProvider().getName());
    System.out.println("cipher=" + Cipher.getInstance("AES/GCM/NoPadding", "MRK").getProvider().getName());
  }

  @Test
  void installsWithoutCodeThroughAJavaSecurityOverride() throws Exception {
    Path override = dir.resolve("mrk.java.security");
    Files.writeString(override, "security.provider.13=MRK\n");
    List<String> out = runChild("-Djava.security.properties=" + override);
    assertEquals(List.of("provider=MRK io.mrk.MrkProvider", "keystore=MRK", "cipher=MRK"), out);
  }

  @Test
  void installsWithAddProvider() throws Exception {
    List<String> out = runChild("-Dunused=1", "add");
    assertEquals(List.of("provider=MRK io.mrk.MrkProvider", "keystore=MRK", "cipher=MRK"), out);
  }

  @Test
  void isNotInstalledByTheServiceFileAlone() throws Exception {
    List<String> out = runChild("-Dunused=1", "none");
    assertTrue(out.get(0).equals("provider=none"), String.join("\n", out));
  }

  private List<String> runChild(String jvmOption, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), jvmOption,
        "-cp", System.getProperty("java.class.path"), ProviderInstallationTest.class.getName()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
    if (p.exitValue() != 0 && !(args.length > 0 && args[0].equals("none"))) {
      throw new AssertionError("child JVM failed:\n" + output);
    }
    // Only the lines main prints: the engine choice is logged to stderr (INFO), which is merged here.
    return output.lines().filter(l -> l.matches("(provider|keystore|cipher)=.*")).toList();
  }
}
