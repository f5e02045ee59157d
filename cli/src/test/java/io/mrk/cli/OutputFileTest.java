package io.mrk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --out writes only new paths and regular files; leftovers of killed runs are removed by the next run. */
class OutputFileTest {

  @TempDir
  Path dir;
  private CliRunner mrk;
  private String key;
  private Path in;

  @BeforeEach
  void setUp() throws Exception {
    mrk = new CliRunner(dir.resolve("keystore.mrk"));
    key = (String) mrk.run("create-key").object("KeyMetadata").get("KeyId");
    in = dir.resolve("in.txt");
    Files.writeString(in, "secret order");
  }

  private CliRunner.Result encryptTo(Path out) {
    return mrk.run("encrypt-file", "--key-id", key, "--in", in.toString(), "--out", out.toString());
  }

  @Test
  void devicesFifosLinksAndDirectoriesAreRefusedAndLeftAlone() throws Exception {
    Path fifo = dir.resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
    CliRunner.Result r = encryptTo(fifo);
    assertEquals(252, r.status(), r.err());
    assertTrue(r.err().contains("--out") && r.err().contains("not a regular file"), r.err());
    assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS));

    Path target = dir.resolve("target");
    Files.writeString(target, "keep");
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);
    CliRunner.Result viaLink = encryptTo(link);
    assertEquals(252, viaLink.status());
    assertTrue(viaLink.err().contains("symbolic link"), viaLink.err());
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("keep", Files.readString(target));

    CliRunner.Result root = encryptTo(Path.of("/"));
    assertEquals(252, root.status());
    assertTrue(root.err().contains("Is a directory"), root.err());
    assertFalse(root.err().contains("NullPointerException"), root.err());
    assertEquals(252, encryptTo(dir).status());
    assertEquals(252, encryptTo(dir.resolve("no/such/dir/out")).status());
  }

  @Test
  void theCheckRefusesTheSystemsDeviceNodesWithoutTouchingThem() {
    ParamError e = assertThrows(ParamError.class, () -> OutputFile.check("--out", Path.of("/dev/null")));
    assertTrue(e.line().contains("not a regular file"), e.line());
    assertFalse(Files.isRegularFile(Path.of("/dev/null")));
  }

  @Test
  void aRegularFileIsReplacedAtomicallyAndNoTemporaryStays() throws Exception {
    Path out = dir.resolve("out.mrk");
    Files.writeString(out, "old");
    assertEquals(0, encryptTo(out).status());
    assertFalse(Files.readString(out, java.nio.charset.StandardCharsets.ISO_8859_1).equals("old"));
    try (var entries = Files.list(dir)) {
      assertEquals(0, entries.filter(p -> p.getFileName().toString().contains(".mrk-tmp-")).count());
    }
  }

  @Test
  void leftoversOfDeadRunsAreRemovedByTheNextRunAndLiveOnesKept() throws Exception {
    Path dead = dir.resolve(".out.bin.mrk-tmp-2147483646-123");
    Files.writeString(dead, "plaintext of a killed run");
    Path live = dir.resolve(".out.bin.mrk-tmp-" + ProcessHandle.current().pid() + "-456");
    Files.writeString(live, "a concurrent run's output");
    Path unrelated = dir.resolve(".notes.tmp");
    Files.writeString(unrelated, "not ours");
    assertEquals(0, encryptTo(dir.resolve("other.mrk")).status());
    assertFalse(Files.exists(dead), "a dead run's temporary file is removed");
    assertTrue(Files.exists(live), "a live run's temporary file is kept");
    assertTrue(Files.exists(unrelated));
  }

  /** A run stopped by SIGTERM deletes its temporary output (a shutdown hook); only SIGKILL leaves one. */
  @Test
  void aTerminatedRunDeletesItsTemporaryFile() throws Exception {
    Path fifo = dir.resolve("input.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
    // A keystore of the children's own: this JVM's audit writer holds the one setUp made.
    Process made = child("create-key", "--query", "KeyMetadata.KeyId", "--output", "text")
        .redirectOutput(dir.resolve("key.txt").toFile()).start();
    assertTrue(made.waitFor(120, TimeUnit.SECONDS) && made.exitValue() == 0, "the child made a key");
    String childKey = Files.readString(dir.resolve("key.txt")).strip();
    Process child = child("encrypt-file", "--key-id", childKey, "--in", fifo.toString(), "--out",
        dir.resolve("out.mrk").toString()).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile())
        .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (temporaries() == 0 && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(1, temporaries(), "the child created its temporary file and waits on the FIFO: "
          + Files.readString(dir.resolve("child.log")));
      child.destroy();
      assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child stopped on SIGTERM");
      assertEquals(0, temporaries(), "the shutdown hook deleted the temporary file");
      assertFalse(Files.exists(dir.resolve("out.mrk")));
    } finally {
      child.destroyForcibly();
    }
  }

  private ProcessBuilder child(String... args) {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"),
        "io.mrk.cli.Mrk"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("MRK_KEYSTORE", dir.resolve("child.mrk").toString());
    pb.environment().put("MRK_KEYSTORE_PASSWORD", "cli-test-password");
    pb.environment().put("MRK_KDF", CliRunner.TEST_KDF);
    pb.environment().put("AWS_REGION", "us-east-1");
    return pb;
  }

  private long temporaries() throws java.io.IOException {
    try (var entries = Files.list(dir)) {
      return entries.filter(p -> p.getFileName().toString().contains(".mrk-tmp-")).count();
    }
  }
}
