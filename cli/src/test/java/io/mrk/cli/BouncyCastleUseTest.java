package io.mrk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The {@code ./mrk} launcher runs an unsigned copy of Bouncy Castle (cli/pom.xml), which is sound only
 * while MRK uses BC's lightweight API and never BC's JCA provider (the one use for which a JDK checks a
 * provider jar's signature). This reads every class file of the provider, the server and the command
 * line and checks that none refers to BC's provider packages ({@code org.bouncycastle.jce},
 * {@code org.bouncycastle.jcajce}), while the lightweight API is referred to (so the scan sees classes).
 */
class BouncyCastleUseTest {

  private static final String[] PROVIDER_PACKAGES = {"org/bouncycastle/jce/", "org/bouncycastle/jcajce/"};

  @Test
  void noMrkClassRefersToBouncyCastlesJcaProvider() throws Exception {
    List<String> offenders = new ArrayList<>();
    int classes = 0;
    boolean lightweight = false;
    for (Class<?> anchor : List.of(io.mrk.MrkProvider.class, io.mrk.server.MrkServer.class, Mrk.class)) {
      Path source = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (byte[][] named : classFiles(source)) {
        String name = new String(named[0], StandardCharsets.UTF_8);
        String text = new String(named[1], StandardCharsets.ISO_8859_1);
        classes++;
        lightweight |= text.contains("org/bouncycastle/crypto/");
        for (String p : PROVIDER_PACKAGES) {
          if (text.contains(p)) {
            offenders.add(name + " refers to " + p);
          }
        }
      }
    }
    assertTrue(classes > 100, "expected the provider, server and CLI classes, found " + classes);
    assertTrue(lightweight, "the scan should see MRK's use of BC's lightweight API (Argon2, HKDF)");
    assertEquals(List.of(), offenders);
  }

  /** Name and bytes of every class file in a directory or a jar. */
  private static List<byte[][]> classFiles(Path source) throws IOException {
    List<byte[][]> out = new ArrayList<>();
    if (Files.isDirectory(source)) {
      try (Stream<Path> files = Files.walk(source)) {
        for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          out.add(new byte[][] {source.relativize(p).toString().getBytes(StandardCharsets.UTF_8), Files.readAllBytes(p)});
        }
      }
    } else {
      try (ZipFile jar = new ZipFile(source.toFile())) {
        for (ZipEntry e : jar.stream().filter(e -> e.getName().endsWith(".class")).toList()) {
          try (InputStream in = jar.getInputStream(e)) {
            out.add(new byte[][] {e.getName().getBytes(StandardCharsets.UTF_8), in.readAllBytes()});
          }
        }
      }
    }
    return out;
  }
}
