package io.mrk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.internal.key.KeyHandles;
import io.mrk.internal.key.KeyMaterial;
import io.mrk.internal.key.SecretAccess;
import io.mrk.internal.key.TestSecrets;
import io.mrk.internal.registry.RegistryCodec;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.Region;
import java.io.File;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Raw key material is reachable only through the provider's {@link SecretAccess} capability, and
 * then only as a copy: an application holding an {@link MrkKey} cannot compile a walk to the bytes,
 * cannot obtain the capability at run time on the class path, and on the module path cannot even
 * call the handle's internal methods ({@code mrkboundary.HandleProbe} in child JVMs).
 */
class MaterialBoundaryTest {

  private static final Region US = new Region("us-east-1");

  @TempDir
  Path dir;

  @Test
  void codeOutsideTheProviderCannotObtainTheCapability() throws Exception {
    assertThrows(SecurityException.class, () -> SecretAccess.grantTo(MethodHandles.lookup()));
    assertThrows(SecurityException.class, () -> SecretAccess.grantTo(MethodHandles.publicLookup()));
    // A lookup moved into a provider class loses its full privilege.
    assertThrows(SecurityException.class, () -> SecretAccess.grantTo(MethodHandles.lookup().in(RegistryCodec.class)));
    KeyMaterial m = material(io.mrk.KeyRegistries.builder().build().client(US));
    assertThrows(SecurityException.class, () -> m.bytes(null));
    assertThrows(SecurityException.class, () -> m.destroy(null));
  }

  @Test
  void theHandleAndTheJcaSpiClassesAreNotPublic() throws Exception {
    for (String name : List.of("io.mrk.internal.key.MrkKeyHandle", "io.mrk.internal.cipher.MrkCipherSpi",
        "io.mrk.internal.cipher.MrkAesGcmCipherSpi", "io.mrk.internal.keystore.RoutingKeyStoreSpi",
        "io.mrk.internal.keystore.MrkKeyStoreSpi")) {
      assertFalse(java.lang.reflect.Modifier.isPublic(Class.forName(name).getModifiers()), name + " is public");
    }
    assertEquals("MRK", Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider()).getProvider().getName());
    assertEquals("MRK", java.security.KeyStore.getInstance("MRK", new MrkProvider()).getProvider().getName());
  }

  @Test
  void theCapabilityReadsAFreshCopyThatCannotChangeTheKey() throws Exception {
    KeyRegistry registry = io.mrk.KeyRegistries.builder().build();
    KmsClient client = registry.client(US);
    String keyId = client.createKey(CreateKeyRequest.multiRegionKey("copy")).keyId().value();
    byte[] ciphertext = encrypt(client, keyId);
    byte[] encoded = RegistryCodec.encode(registry);
    SecretAccess access = TestSecrets.access();
    KeyMaterial m = KeyHandles.source(client.keyHandle(keyId), access).encryptionMaterial();
    byte[] first = m.bytes(access);
    byte[] second = m.bytes(access);
    assertNotSame(first, second);
    assertArrayEquals(first, second);
    Arrays.fill(first, (byte) 0x5a);
    assertArrayEquals(second, m.bytes(access), "changing a copy changed the material");
    assertArrayEquals(encoded, RegistryCodec.encode(registry));
    assertEquals("copy", decrypt(client, keyId, ciphertext));
  }

  @Test
  void anApplicationCannotCompileAWalkFromTheHandleToTheBytes() throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    Assumptions.assumeTrue(javac != null, "SKIPPED: no system Java compiler in this JVM (a JRE?)");
    String control = "package attacker; public class Walk { static Object arn(io.mrk.MrkKey k) {"
        + " return io.mrk.internal.key.KeyHandles.arn(k); } }";
    assertEquals(List.of(), compile(javac, control), "the harness itself must compile a legal call");
    String steal = "package attacker; public class Walk { static byte[] steal(io.mrk.MrkKey k) throws Exception {"
        + " return ((io.mrk.internal.key.MrkKeyHandle) k).source(null).encryptionMaterial().bytes(null); } }";
    List<String> errors = compile(javac, steal);
    assertFalse(errors.isEmpty(), "a cast to the handle class compiled");
    assertTrue(errors.get(0).contains("MrkKeyHandle"), errors.toString());
    String stealFromSource = "package attacker; public class Walk { static byte[] steal(io.mrk.internal.key.KeyMaterialSource s)"
        + " throws Exception { return s.encryptionMaterial().bytes(); } }";
    errors = compile(javac, stealFromSource);
    assertFalse(errors.isEmpty(), "a walk from a source to the bytes compiled");
    assertTrue(errors.get(0).contains("bytes"), errors.toString());
  }

  @Test
  void onTheClassPathTheWalkStopsAtTheCapability() throws Exception {
    List<String> out = probe(List.of("-cp", System.getProperty("java.class.path")));
    // Deep reflection (setAccessible) is not stopped on the class path: the JVM encapsulates nothing there.
    assertEquals(List.of("source(): NoSuchMethodException", "bytes(): NoSuchMethodException",
        "grantTo: SecurityException", "setAccessible: allowed"), out);
  }

  @Test
  void onTheModulePathTheInternalPackagesAreClosed() throws Exception {
    List<String> modules = new ArrayList<>();
    modules.add(location(MrkKey.class).toString());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith("bcprov") || name.startsWith("caffeine") || name.startsWith("jackson-core")) {
        modules.add(entry);
      }
    }
    assertEquals(4, modules.size(), "provider classes and its three dependencies: " + modules);
    List<String> out = probe(List.of("--module-path", String.join(File.pathSeparator, modules),
        "--add-modules", "io.mrk", "-cp", location(mrkboundary.HandleProbe.class).toString()));
    assertEquals(List.of("source(): NoSuchMethodException", "bytes(): NoSuchMethodException",
        "grantTo: IllegalAccessException", "setAccessible: InaccessibleObjectException"), out);
  }

  private List<String> compile(JavaCompiler javac, String source) throws IOException, URISyntaxException {
    Path src = Files.createDirectories(dir.resolve("src-" + System.nanoTime()).resolve("attacker"));
    Path file = Files.writeString(src.resolve("Walk.java"), source);
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      List<String> options = List.of("-cp", location(MrkKey.class).toString(), "-d",
          Files.createDirectories(dir.resolve("out-" + System.nanoTime())).toString());
      javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(file.toFile())).call();
    }
    return diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
        .map(d -> d.getMessage(null)).toList();
  }

  private static List<String> probe(List<String> launch) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(launch);
    command.add(mrkboundary.HandleProbe.class.getName());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
    assertEquals(0, p.exitValue(), "child JVM failed:\n" + output);
    return output.lines().filter(l -> l.matches("(source\\(\\)|bytes\\(\\)|grantTo|setAccessible): .*")).toList();
  }

  private static Path location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private static KeyMaterial material(KmsClient client) throws Exception {
    String keyId = client.createKey(CreateKeyRequest.multiRegionKey("m")).keyId().value();
    return KeyHandles.source(client.keyHandle(keyId), TestSecrets.access()).encryptionMaterial();
  }

  private static byte[] encrypt(KmsClient client, String keyId) throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
    c.init(Cipher.ENCRYPT_MODE, (Key) client.keyHandle(keyId));
    return c.doFinal("copy".getBytes(StandardCharsets.UTF_8));
  }

  private static String decrypt(KmsClient client, String keyId, byte[] ciphertext) throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
    c.init(Cipher.DECRYPT_MODE, (Key) client.keyHandle(keyId));
    return new String(c.doFinal(ciphertext), StandardCharsets.UTF_8);
  }
}
