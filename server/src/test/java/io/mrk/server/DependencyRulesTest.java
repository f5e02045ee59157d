package io.mrk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The server's main code needs no AWS SDK and no Encryption SDK (they are test-scope only): no
 * compiled class of it names a class of theirs.
 */
class DependencyRulesTest {

  @Test
  void mainClassesReferenceNoAwsSdk() throws Exception {
    Path classes = Path.of(MrkServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> offenders = new ArrayList<>();
    int checked = 0;
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        checked++;
        String constants = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        if (constants.contains("software/amazon/") || constants.contains("com/amazonaws/")) {
          offenders.add(classes.relativize(p).toString());
        }
      }
    }
    assertTrue(checked > 10, "no classes found in " + classes);
    assertEquals(List.of(), offenders);
  }
}
