package io.mrk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.MrkKeystore;
import io.mrk.MrkLoadStoreParameter;
import io.mrk.MrkProvider;
import io.mrk.kms.Region;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail when the disk says no: a log replaced by a directory, a full disk, a read-only
 * location. Nothing is dropped silently, reads keep working, and no write that failed leaves a
 * success record.
 */
class AuditFailureTest {

  @TempDir
  Path dir;

  private static long count(CliRunner mrk, String eventName) {
    return mrk.run("audit", "--event-name", eventName).out().lines().filter(l -> !l.contains("\"errorCode\"")).count();
  }

  private static String createKey(CliRunner mrk) {
    return (String) mrk.run("create-key", "--multi-region").object("KeyMetadata").get("KeyId");
  }

  @Test
  void aLogReplacedByADirectoryLosesNothingSilently() throws Exception {
    Path keystore = dir.resolve("keystore.mrk");
    CliRunner mrk = new CliRunner(keystore);
    String keyId = createKey(mrk);
    Path plaintext = Files.writeString(dir.resolve("plain.txt"), "hello");
    Path east = MrkKeystore.auditTrail(keystore).logFile(new Region("us-east-1"));
    Path saved = Files.move(east, dir.resolve("saved.jsonl"));
    Files.createDirectory(east);

    CliRunner.Result encrypt = mrk.run("encrypt", "--key-id", keyId, "--plaintext", "fileb://" + plaintext);
    assertEquals(0, encrypt.status(), encrypt.err());
    assertTrue(encrypt.err().contains("mrk: warning: audit: 1 audit events could not be written"), encrypt.err());
    CliRunner.Result tag = mrk.run("tag-resource", "--key-id", keyId, "--tags", "TagKey=a,TagValue=1");
    assertEquals(0, tag.status(), tag.err());
    assertTrue(tag.err().contains("committed events stay in the keystore's outbox"), tag.err());
    CliRunner.Result verify = mrk.run("audit", "verify");
    assertEquals(AuditCommand.BROKEN, verify.status());
    assertTrue(verify.out().contains("UNREADABLE"), verify.out());
    // The tag's event, and CreateKey's, which the write could not confirm in the unreadable log.
    assertTrue(verify.out().contains("2 committed events pending"), verify.out());

    Files.delete(east);
    Files.move(saved, east);
    mrk.run("tag-resource", "--key-id", keyId, "--tags", "TagKey=b,TagValue=2").ok();
    assertEquals(2, count(mrk, "TagResource"), "the outbox kept the first tag's event until the log came back");
    assertEquals(1, count(mrk, "CreateKey"), "an event already in the log is not appended again");
    // The Encrypt event was not written; the process that dropped it said so on stderr (above).
    CliRunner.Result intact = mrk.run("audit", "verify");
    assertEquals(0, intact.status(), intact.out());
  }

  /** Mounts a tmpfs of {@code size} at {@code at}; skips the test loudly where that is not possible. */
  private static void mountTmpfs(Path at, String size) throws Exception {
    Files.createDirectories(at);
    Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
        "SKIPPED: a real full disk or read-only location needs a tmpfs mount, which needs root");
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString())
        .redirectErrorStream(true).start();
    String out = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Assumptions.assumeTrue(mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0,
        "SKIPPED: cannot mount a tmpfs here (no CAP_SYS_ADMIN?): " + out.strip());
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", command) + ": " + out);
  }

  private static void fill(Path disk) {
    byte[] chunk = new byte[4096];
    try (var out = Files.newOutputStream(disk.resolve("filler"))) {
      while (true) {
        out.write(chunk);
      }
    } catch (IOException full) {
      // No space left on the device: what this test wants.
    }
  }

  @Test
  void onAFullDiskFailedWritesLeaveNoSuccessRecordAndEncryptReportsItsDrop() throws Exception {
    Path disk = dir.resolve("disk");
    mountTmpfs(disk, "1m");
    try {
      Path keystore = disk.resolve("keystore.mrk");
      CliRunner mrk = new CliRunner(keystore);
      String keyId = createKey(mrk);
      Path plaintext = Files.writeString(dir.resolve("plain.txt"), "hello");
      fill(disk);
      int stored = 0;
      for (int i = 0; i < 10; i++) {
        CliRunner.Result tag = mrk.run("tag-resource", "--key-id", keyId, "--tags", "TagKey=t" + i + ",TagValue=v");
        stored += tag.status() == 0 ? 1 : 0;
      }
      CliRunner.Result encrypt = mrk.run("encrypt", "--key-id", keyId, "--plaintext", "fileb://" + plaintext);
      assertEquals(0, encrypt.status(), encrypt.err());
      boolean warned = encrypt.err().contains("mrk: warning: audit:");

      Files.delete(disk.resolve("filler"));
      mrk.run("tag-resource", "--key-id", keyId, "--tags", "TagKey=after,TagValue=v").ok();
      // The log's last page may still have had room for the Encrypt record; if not, stderr said so.
      assertTrue(warned || count(mrk, "Encrypt") == 1, "never silent: " + encrypt.err());
      Map<String, Object> listed = mrk.run("list-resource-tags", "--key-id", keyId).json();
      int tagsNow = ((List<?>) listed.get("Tags")).size();
      assertEquals(stored + 1, tagsNow);
      assertEquals(tagsNow, count(mrk, "TagResource"), "one success record per stored change, none for failed ones");
      CliRunner.Result verify = mrk.run("audit", "verify");
      assertEquals(0, verify.status(), verify.out());
    } finally {
      run("umount", "-l", disk.toString());
    }
  }

  @Test
  void aReadOnlyLocationStillServesEveryRead() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path disk = dir.resolve("ro");
    if (root) {
      mountTmpfs(disk, "4m");
    } else {
      Files.createDirectories(disk);
    }
    Path keystore = disk.resolve("keystore.mrk");
    Path logs = MrkKeystore.auditTrail(keystore).directory();
    try {
      CliRunner mrk = new CliRunner(keystore);
      String keyId = createKey(mrk);
      if (root) {
        run("mount", "-o", "remount,ro", disk.toString());
      } else {
        // Without root, permissions make the location read-only (root would ignore them).
        run("chmod", "-R", "a-w", disk.toString());
      }

      CliRunner.Result list = mrk.run("list-keys");
      assertEquals(0, list.status(), list.err());
      assertTrue(list.out().contains(keyId));
      assertTrue(list.err().contains("mrk: warning: audit:"), "the event that cannot be written is reported: " + list.err());
      assertEquals(0, mrk.run("describe-key", "--key-id", keyId).status());

      KeyStore ks = KeyStore.getInstance("MRK", new MrkProvider());
      ks.load(MrkLoadStoreParameter.of(keystore, "cli-test-password".toCharArray()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
      cipher.init(Cipher.ENCRYPT_MODE, ks.getKey("us-east-1/" + keyId, null));
      assertTrue(cipher.doFinal("hello".getBytes(StandardCharsets.UTF_8)).length > 16);

      CliRunner.Result write = mrk.run("tag-resource", "--key-id", keyId, "--tags", "TagKey=a,TagValue=1");
      assertNotEquals(0, write.status(), "a write to a read-only keystore fails");
      if (root) {
        run("mount", "-o", "remount,rw", disk.toString());
      } else {
        run("chmod", "-R", "u+w", disk.toString());
      }
      assertEquals(0, count(mrk, "TagResource"), "the failed write left no success record");
      assertFalse(Files.readString(MrkKeystore.auditTrail(keystore).logFile(new Region("us-east-1"))).contains("\"TagResource\""));
    } finally {
      if (root) {
        run("umount", "-l", disk.toString());
      } else {
        run("chmod", "-R", "u+w", disk.toString());
      }
    }
  }
}
