package io.mrk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walk-through, as a user pastes it: the bash block after the {@code <!-- walk-through
 * -->} marker runs in an empty directory under {@code bash -euo pipefail} (so any failing step
 * fails the test), with {@code ./mrk} running the CLI under test and a small password KDF.
 */
class ReadmeWalkthroughTest {

  private static final String MARKER = "<!-- walk-through -->";

  @TempDir
  Path dir;

  @Test
  void theWalkthroughRunsInAFreshDirectory() throws Exception {
    Path readme = Path.of(System.getProperty("user.dir")).resolveSibling("README.md");
    if (!Files.exists(readme)) {
      readme = Path.of(System.getProperty("user.dir"), "README.md");
    }
    List<String> blocks = blocks(Files.readString(readme, StandardCharsets.UTF_8));
    assertTrue(!blocks.isEmpty(), "the README has a walk-through block after " + MARKER);

    Path launcher = dir.resolve("mrk");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(launcher, "#!/usr/bin/env bash\nexec '" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1"
        + " -cp \"$MRK_TEST_CP\" io.mrk.cli.Mrk \"$@\"\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
    Path script = dir.resolve("walkthrough.sh");
    Files.writeString(script, String.join("\n", blocks) + "\n");

    ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", script.toString()).directory(dir.toFile());
    pb.environment().remove("MRK_KEYSTORE");
    pb.environment().remove("MRK_PRINCIPAL");
    pb.environment().put("MRK_KDF", CliRunner.TEST_KDF);
    pb.environment().put("MRK_TEST_CP", System.getProperty("java.class.path"));
    pb.redirectErrorStream(true);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the walk-through finished within 5 minutes:\n" + out);
    assertEquals(0, p.exitValue(), "the walk-through failed:\n" + out);
    assertTrue(out.contains("{\"order\": 1042, \"total\": \"99.90\"}"), "the order decrypted in eu-west-1:\n" + out);
    assertTrue(out.contains("decrypted in eu-west-1: same bytes"), out);
    assertTrue(out.contains("DescribeKey") && out.contains("||  KeyState "), "a table was printed:\n" + out);
  }

  /** The fenced bash blocks that follow the marker. */
  static List<String> blocks(String markdown) {
    List<String> out = new ArrayList<>();
    int at = 0;
    while ((at = markdown.indexOf(MARKER, at)) >= 0) {
      int open = markdown.indexOf("```bash\n", at);
      int close = markdown.indexOf("\n```", open + 8);
      if (open < 0 || close < 0) {
        break;
      }
      out.add(markdown.substring(open + 8, close));
      at = close;
    }
    return out;
  }
}
