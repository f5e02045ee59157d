package io.mrk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * $MRK_KEYSTORE_PASSWORD is read as UTF-8 whatever the locale, in real child processes: a keystore
 * made under a UTF-8 locale opens under the POSIX locale with the same bytes, a different non-ASCII
 * password does not open it (the JDK's locale decoding once made both U+FFFD), and bytes that are
 * not UTF-8 are refused instead of guessed.
 */
class PasswordEncodingTest {

  @TempDir
  Path dir;

  /** Runs mrk in a child JVM with the password given as bash $'...' bytes and the locale variables given. */
  private Run mrk(String passwordBytes, String locale, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    StringBuilder command = new StringBuilder("exec env -u LANG -u LC_ALL -u LC_CTYPE ");
    if (locale != null) {
      command.append("LC_ALL=").append(locale).append(' ');
    }
    command.append("MRK_KEYSTORE_PASSWORD=$'").append(passwordBytes).append("' ");
    command.append("'").append(java).append("' -cp \"$CP\" io.mrk.cli.Mrk");
    for (String a : args) {
      command.append(" '").append(a).append("'");
    }
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", command.toString());
    pb.environment().put("CP", System.getProperty("java.class.path"));
    pb.environment().put("MRK_KEYSTORE", dir.resolve("ks.mrk").toString());
    pb.environment().put("MRK_KDF", CliRunner.TEST_KDF);
    pb.environment().put("AWS_REGION", "us-east-1");
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child finished");
    return new Run(p.exitValue(), out, err);
  }

  private record Run(int status, String out, String err) {}

  @Test
  void passwordsAreUtf8WhateverTheLocale() throws Exception {
    Run created = mrk("secret-\\xc3\\xa4", "C.UTF-8", "create-key");
    assertEquals(0, created.status(), created.err());
    Run posix = mrk("secret-\\xc3\\xa4", null, "list-keys");
    assertEquals(0, posix.status(), "the same bytes open the keystore under the POSIX locale: " + posix.err());
    Run other = mrk("secret-\\xc3\\xb6", null, "list-keys");
    assertEquals(253, other.status(), "another non-ASCII password must not open it: " + other.out());
    assertTrue(other.err().contains("password"), other.err());
    Run invalid = mrk("secret-\\xff\\xfe", null, "list-keys");
    assertEquals(253, invalid.status(), invalid.out());
    assertTrue(invalid.err().contains("$MRK_KEYSTORE_PASSWORD is not valid UTF-8"), invalid.err());
    assertEquals("", invalid.out());
  }
}
