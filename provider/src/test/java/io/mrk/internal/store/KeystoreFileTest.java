package io.mrk.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoreFileTest {

  private static final char[] PASSWORD = KeystoreFileWorker.PASSWORD;
  private static final KdfParameters KDF = KeystoreFileWorker.KDF;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] OLD = "old content".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NEW = "new content".getBytes(StandardCharsets.US_ASCII);
  private static final int SALT_OFFSET = 23;
  private static final int SALT_END = SALT_OFFSET + KeystoreHeader.SALT_BYTES;

  @TempDir
  Path dir;

  @Test
  void writeThenLoad() throws Exception {
    Path file = dir.resolve("keys.mrk");
    KeystoreFile.write(file, OLD, PASSWORD, KDF, RANDOM);
    assertArrayEquals(OLD, KeystoreFile.load(file, PASSWORD));
    KeystoreFile.write(file, NEW, PASSWORD, KDF, RANDOM);
    assertArrayEquals(NEW, KeystoreFile.load(file, PASSWORD));
    assertFalse(Files.exists(AtomicFileWriter.temporaryFileFor(file)));
    assertTrue(Files.exists(KeystoreLock.lockFileFor(file)));
  }

  @Test
  void newFilesAreOwnerOnly() throws Exception {
    Path file = dir.resolve("keys.mrk");
    KeystoreFile.write(file, OLD, PASSWORD, KDF, RANDOM);
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(KeystoreLock.lockFileFor(file))));
    }
  }

  @Test
  void aSymbolicLinkIsWrittenThroughAndKept() throws Exception {
    Path target = Files.createDirectory(dir.resolve("real")).resolve("keys.mrk");
    KeystoreFile.write(target, OLD, PASSWORD, KDF, RANDOM);
    Path link = dir.resolve("link.mrk");
    try {
      Files.createSymbolicLink(link, target);
    } catch (UnsupportedOperationException | IOException unsupported) {
      Assumptions.abort("symbolic links are not available here: " + unsupported);
    }
    KeystoreFile.update(link, PASSWORD, KDF, RANDOM, current -> NEW);
    assertTrue(Files.isSymbolicLink(link));
    assertArrayEquals(NEW, KeystoreFile.load(target, PASSWORD));
  }

  @Test
  void readReportsAMissingFile() {
    assertThrows(NoSuchFileException.class, () -> KeystoreFile.read(dir.resolve("absent.mrk")));
  }

  @Test
  void readsAStreamToItsEnd() throws Exception {
    byte[] sealed = SealedKeystore.seal(OLD, PASSWORD, KDF, RANDOM);
    assertArrayEquals(sealed, KeystoreFile.read(new ByteArrayInputStream(sealed)));
  }

  @Test
  void updateCreatesAFileWithTheNewFileParameters() throws Exception {
    Path file = dir.resolve("keys.mrk");
    byte[] stored = KeystoreFile.update(file, PASSWORD, KDF, RANDOM, current -> {
      assertNull(current);
      return OLD;
    });
    assertArrayEquals(OLD, stored);
    assertArrayEquals(OLD, KeystoreFile.load(file, PASSWORD));
    assertEquals(KDF, SealedKeystore.kdfParameters(KeystoreFile.read(file)));
  }

  @Test
  void updateKeepsTheParametersOfAnExistingFileAndDrawsANewSalt() throws Exception {
    Path file = dir.resolve("keys.mrk");
    KdfParameters original = KdfParameters.argon2id(128, 2, 1);
    KeystoreFile.write(file, OLD, PASSWORD, original, RANDOM);
    byte[] before = KeystoreFile.read(file);
    KeystoreFile.update(file, PASSWORD, KDF, RANDOM, current -> {
      assertArrayEquals(OLD, current);
      return NEW;
    });
    byte[] after = KeystoreFile.read(file);
    assertEquals(original, SealedKeystore.kdfParameters(after));
    assertFalse(Arrays.equals(before, SALT_OFFSET, SALT_END, after, SALT_OFFSET, SALT_END), "salt must be fresh");
    assertArrayEquals(NEW, SealedKeystore.open(after, PASSWORD));
  }

  @Test
  void updateReturningNullWritesNothing() throws Exception {
    Path file = dir.resolve("keys.mrk");
    assertNull(KeystoreFile.update(file, PASSWORD, KDF, RANDOM, current -> null));
    assertFalse(Files.exists(file));
    KeystoreFile.write(file, OLD, PASSWORD, KDF, RANDOM);
    byte[] before = KeystoreFile.read(file);
    byte[][] given = new byte[1][];
    byte[] stored = KeystoreFile.update(file, PASSWORD, KDF, RANDOM, current -> {
      given[0] = current;
      return null;
    });
    assertSame(given[0], stored);
    assertArrayEquals(OLD, stored);
    assertArrayEquals(before, KeystoreFile.read(file));
  }

  @Test
  void aFailingUpdatePropagatesItsOwnExceptionAndChangesNothing() throws Exception {
    Path file = dir.resolve("keys.mrk");
    KeystoreFile.write(file, OLD, PASSWORD, KDF, RANDOM);
    byte[] before = KeystoreFile.read(file);
    GeneralSecurityException e = assertThrows(GeneralSecurityException.class,
        () -> KeystoreFile.update(file, PASSWORD, KDF, RANDOM, current -> {
          throw new GeneralSecurityException("refused by the registry");
        }));
    assertEquals("refused by the registry", e.getMessage());
    assertArrayEquals(before, KeystoreFile.read(file));
  }

  @Test
  void updateWithTheWrongPasswordNeverCallsTheOperation() throws Exception {
    Path file = dir.resolve("keys.mrk");
    KeystoreFile.write(file, OLD, PASSWORD, KDF, RANDOM);
    assertThrows(WrongPasswordException.class, () -> KeystoreFile.update(file, "other".toCharArray(), KDF, RANDOM,
        current -> {
          throw new AssertionError("operation must not run");
        }));
    assertArrayEquals(OLD, KeystoreFile.load(file, PASSWORD));
  }

  @Test
  void nestedUpdateOfTheSameFileIsRefused() throws Exception {
    Path file = dir.resolve("keys.mrk");
    assertThrows(IllegalStateException.class, () -> KeystoreFile.update(file, PASSWORD, KDF, RANDOM,
        outer -> KeystoreFile.update(dir.resolve("./keys.mrk"), PASSWORD, KDF, RANDOM, inner -> NEW)));
    assertFalse(Files.exists(file));
    KeystoreFile.write(file, OLD, PASSWORD, KDF, RANDOM);
    assertArrayEquals(OLD, KeystoreFile.load(file, PASSWORD));
  }

  @Test
  void injectedFailureLeavesTheOldFileAndNoTemporaryFile() throws Exception {
    for (AtomicFileWriter.Stage stage : AtomicFileWriter.Stage.values()) {
      Path file = dir.resolve("keys-" + stage + ".mrk");
      KeystoreFile.write(file, OLD, PASSWORD, KDF, RANDOM);
      AtomicFileWriter failing = failingAt(stage);
      IOException e = assertThrows(IOException.class,
          () -> KeystoreFile.write(file, NEW, PASSWORD, KDF, RANDOM, failing));
      assertEquals("injected failure at " + stage, e.getMessage());
      assertThrows(IOException.class,
          () -> KeystoreFile.update(file, PASSWORD, KDF, RANDOM, current -> NEW, failing));
      assertArrayEquals(OLD, KeystoreFile.load(file, PASSWORD), stage.toString());
      assertFalse(Files.exists(AtomicFileWriter.temporaryFileFor(file)), stage.toString());
    }
  }

  @Test
  void aStaleTemporaryFileFromACrashedWriterIsReplaced() throws Exception {
    Path file = dir.resolve("keys.mrk");
    Files.write(AtomicFileWriter.temporaryFileFor(file), "half a keystore".getBytes(StandardCharsets.US_ASCII));
    KeystoreFile.write(file, NEW, PASSWORD, KDF, RANDOM);
    assertArrayEquals(NEW, KeystoreFile.load(file, PASSWORD));
    assertFalse(Files.exists(AtomicFileWriter.temporaryFileFor(file)));
  }

  /** Kills a process that rewrites the keystore in a loop at random moments; the file must always open. */
  @Test
  void aKilledWriterLeavesALoadableFile() throws Exception {
    Path file = dir.resolve("keys.mrk");
    KeystoreFile.write(file, KeystoreFileWorker.generationPayload(0), PASSWORD, KDF, RANDOM);
    Random moments = new Random();
    for (int kill = 0; kill < 6; kill++) {
      Process writer = startWorker("rewrite", file.toString());
      awaitReady(writer);
      Thread.sleep(moments.nextInt(80));
      writer.destroyForcibly();
      assertTrue(writer.waitFor(30, TimeUnit.SECONDS), "killed writer must exit");
      byte[] payload = KeystoreFile.load(file, PASSWORD);
      String text = new String(payload, 0, 32, StandardCharsets.US_ASCII);
      assertTrue(text.startsWith(KeystoreFileWorker.GENERATION_PREFIX), text);
    }
    KeystoreFile.write(file, NEW, PASSWORD, KDF, RANDOM);
    assertFalse(Files.exists(AtomicFileWriter.temporaryFileFor(file)));
  }

  /** Threads of this JVM and two other processes increment one counter; no increment may be lost. */
  @Test
  void concurrentUpdatesFromThreadsAndProcessesLoseNothing() throws Exception {
    Path file = dir.resolve("counter.mrk");
    int threads = 4;
    int perWorker = 20;
    List<Process> processes = List.of(
        startWorker("increment", file.toString(), Integer.toString(perWorker)),
        startWorker("increment", file.toString(), Integer.toString(perWorker)));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < perWorker; i++) {
            KeystoreFile.update(file, PASSWORD, KDF, RANDOM, KeystoreFileWorker::increment);
          }
          return null;
        }));
      }
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (Process process : processes) {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "worker must finish");
      assertEquals(0, process.exitValue(), output);
    }
    long expected = (long) (threads + processes.size()) * perWorker;
    assertEquals(Long.toString(expected), new String(KeystoreFile.load(file, PASSWORD), StandardCharsets.US_ASCII));
  }

  private static AtomicFileWriter failingAt(AtomicFileWriter.Stage failure) {
    return new AtomicFileWriter(stage -> {
      if (stage == failure) {
        throw new IOException("injected failure at " + stage);
      }
    });
  }

  private static Process startWorker(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), KeystoreFileWorker.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static void awaitReady(Process worker) throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8));
    String line = lines.readLine();
    assertEquals("ready", line, "worker did not start");
  }
}
