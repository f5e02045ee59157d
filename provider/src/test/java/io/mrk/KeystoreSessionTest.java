package io.mrk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.internal.registry.Lineage;
import io.mrk.internal.registry.PersistedRegistry;
import io.mrk.internal.store.KeystoreBusyException;
import io.mrk.internal.store.SealedKeystore;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KeyState;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import io.mrk.kms.ReplicateKeyRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.Key;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keystore sessions: one derivation, following the file, rollback, read-only views, lock bounds. */
class KeystoreSessionTest {

  static final String TEST_KDF = "argon2id:m=64,t=1,p=1";
  static final char[] PASSWORD = "session password".toCharArray();
  static final Region US = new Region("us-east-1");
  static final Region EU = new Region("eu-west-1");
  static final Region AP = new Region("ap-southeast-2");

  @TempDir
  Path dir;
  Path file;
  io.mrk.internal.registry.MutableClock clock;
  MrkKeystore keystores;
  String id;

  @org.junit.jupiter.api.AfterEach
  void awaitTheAuditAppenders() throws Exception {
    io.mrk.testing.AuditAppenders.awaitIdle();
  }

  @BeforeEach
  void createKeystore() throws Exception {
    file = dir.resolve("keys.mrk");
    clock = new io.mrk.internal.registry.MutableClock();
    keystores = MrkKeystore.withDefaults().withKdf(TEST_KDF).withClock(clock).withRefreshInterval(Duration.ZERO);
    id = keystores.update(file, PASSWORD, r -> {
      String k = r.client(US).createKey(CreateKeyRequest.multiRegionKey("orders")).keyId().value();
      r.client(US).replicateKey(k, EU, ReplicateKeyRequest.DEFAULTS);
      r.client(US).enableKeyRotation(k, 90);
      return k;
    });
  }

  static byte[] encrypt(KeyRegistry registry, Region region, String keyId, String text) throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
    c.init(Cipher.ENCRYPT_MODE, (Key) registry.client(region).keyHandle(keyId));
    return c.doFinal(text.getBytes(StandardCharsets.UTF_8));
  }

  static String decrypt(KeyRegistry registry, Region region, String keyId, byte[] ciphertext) throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
    c.init(Cipher.DECRYPT_MODE, (Key) registry.client(region).keyHandle(keyId));
    return new String(c.doFinal(ciphertext), StandardCharsets.UTF_8);
  }

  static int version(byte[] ciphertext) throws Exception {
    return MrkCiphertext.parseHeader(ciphertext).materialVersion();
  }

  @Test
  void aSessionThatCreatesItsKeystoreAuditsItsReadersToo() throws Exception {
    Path fresh = dir.resolve("created-by-the-session.mrk");
    String key;
    try (KeystoreSession session = keystores.open(fresh, PASSWORD)) {
      key = session.update(r -> r.client(US).createKey(CreateKeyRequest.multiRegionKey("new")).keyId().value());
      encrypt(session.registry(), US, key, "read after the creating write");
      assertEquals(java.util.List.of(), MrkKeystore.flushAudit(session.registry()));
    }
    java.util.List<String> events = MrkKeystore.auditTrail(fresh).read(io.mrk.audit.AuditFilter.ALL).stream()
        .map(io.mrk.audit.AuditRecord::eventName).toList();
    assertEquals(java.util.List.of("CreateKey", "Encrypt"), events,
        "the key binding of the session's own view is audited, not only the write");
  }

  @Test
  void aSessionDerivesOnceAndFollowsAnotherSessionsWrites() throws Exception {
    try (KeystoreSession reader = keystores.open(file, PASSWORD);
         KeystoreSession writer = keystores.open(file, PASSWORD)) {
      long before = reader.generation();
      for (int i = 0; i < 5; i++) {
        writer.update(r -> {
          r.client(US).tagResource(id, java.util.List.of(new io.mrk.kms.Tag("n", "v")));
          return null;
        });
      }
      writer.update(r -> {
        r.client(EU).disableKey(id);
        r.client(US).replicateKey(id, AP, ReplicateKeyRequest.DEFAULTS);
        return null;
      });
      assertEquals(KeyState.DISABLED, reader.registry().client(EU).describeKey(id).keyState(),
          "the reader sees the disable without a restart");
      assertTrue(reader.registry().regions().contains(AP), "and the new replica");
      assertEquals("in Sydney", decrypt(reader.registry(), AP, id, encrypt(writer.registry(), US, id, "in Sydney")));
      assertEquals(before + 6, reader.generation());
      assertEquals(1, writer.kdfDerivations(), "six writes, one Argon2id");
      assertEquals(1, reader.kdfDerivations(), "following the writer's generations needs no new derivation");
      assertEquals(reader.keystoreId(), writer.keystoreId());
    }
  }

  @Test
  void readersNeverMintAndTheNextWriterRotates() throws Exception {
    clock.advance(Duration.ofDays(91));
    try (KeystoreSession reader = keystores.open(file, PASSWORD)) {
      byte[] early = encrypt(reader.registry(), US, id, "before the writer");
      assertEquals(1, version(early), "past the date a reader keeps the newest persisted version");
      assertEquals(1, reader.dueRotations());
      assertEquals(0, reader.registry().client(US).listKeyRotations(id).size());
      assertTrue(reader.registry().client(US).getKeyRotationStatus(id).nextRotationDate().isBefore(clock.instant()),
          "the status shows the rotation as due");
      assertThrows(IllegalStateException.class, () -> io.mrk.internal.registry.RegistryAccess
          .applyDueRotations(reader.registry()));

      keystores.update(file, PASSWORD, r -> null);
      byte[] late = encrypt(reader.registry(), EU, id, "after the writer");
      assertEquals(2, version(late), "the reader follows the persisted rotation");
      assertEquals(0, reader.dueRotations());
      assertEquals("before the writer", decrypt(reader.registry(), EU, id, early));
      KeyRegistry fresh = keystores.load(file, PASSWORD);
      assertEquals("after the writer", decrypt(fresh, US, id, late));
      assertEquals(1, fresh.client(EU).listKeyRotations(id).size());
    }
  }

  @Test
  void aMissingMaterialVersionIsLookedUpAtOnce() throws Exception {
    MrkKeystore slow = keystores.withRefreshInterval(Duration.ofDays(1));
    try (KeystoreSession reader = slow.open(file, PASSWORD)) {
      encrypt(reader.registry(), US, id, "warm");
      keystores.update(file, PASSWORD, r -> r.client(US).rotateKeyOnDemand(id));
      byte[] newer = encrypt(keystores.load(file, PASSWORD), US, id, "version 2");
      assertEquals(2, version(newer));
      assertEquals(1, version(encrypt(reader.registry(), US, id, "still v1 until the interval")));
      assertEquals("version 2", decrypt(reader.registry(), EU, id, newer), "the version in the ciphertext triggers a reload");
    }
  }

  @Test
  void aRestoredOlderFileIsReportedForReadingAndRefusedForWriting() throws Exception {
    Path old = dir.resolve("old.mrk");
    Files.copy(file, old);
    try (KeystoreSession session = keystores.open(file, PASSWORD)) {
      session.update(r -> {
        r.client(US).disableKey(id);
        return null;
      });
      long seen = session.generation();
      Files.copy(old, file, StandardCopyOption.REPLACE_EXISTING);
      assertFalse(session.refresh());
      assertTrue(session.problem().orElseThrow().contains("rollback"), session.problem().orElseThrow());
      assertEquals(seen, session.generation(), "the reader keeps the newer state");
      assertEquals(KeyState.DISABLED, session.registry().client(US).describeKey(id).keyState(),
          "the owner's disable is not undone by the restore");
      IOException refused = assertThrows(IOException.class, () -> session.update(r -> null));
      assertTrue(refused.getMessage().contains("rollback"), refused.getMessage());
    }
    // Another writer in this process refuses it too; the file is left as restored.
    byte[] restored = Files.readAllBytes(file);
    assertThrows(IOException.class, () -> keystores.update(file, PASSWORD, r -> null));
    assertArrayEquals(restored, Files.readAllBytes(file));
    // A reader opening it sees the old state and is told.
    try (KeystoreSession late = keystores.open(file, PASSWORD)) {
      assertTrue(late.problem().isPresent());
    }
  }

  @Test
  void aLoadedRegistryRefusesWritesInsteadOfForgettingThem() throws Exception {
    KeyRegistry view = keystores.load(file, PASSWORD);
    byte[] before = Files.readAllBytes(file);
    KmsException e = assertThrows(KmsException.class, () -> view.client(US).rotateKeyOnDemand(id));
    assertEquals(KmsError.UNSUPPORTED_OPERATION, e.error());
    assertTrue(e.getMessage().contains("read-only"), e.getMessage());
    assertEquals(0, view.client(US).listKeyRotations(id).size());
    assertArrayEquals(before, Files.readAllBytes(file));
    assertTrue(MrkKeystore.flushAudit(view).isEmpty(), "the refusal and the read are in the audit trail");
  }

  @Test
  void waitingForTheLockIsBoundedAndNamesTheHolder() throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Object> holder = pool.submit(() -> keystores.update(file, PASSWORD, r -> {
        holding.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return null;
      }));
      assertTrue(holding.await(30, TimeUnit.SECONDS));
      MrkKeystore impatient = keystores.withLockTimeout(Duration.ofMillis(200));
      KeystoreBusyException busy = assertThrows(KeystoreBusyException.class,
          () -> impatient.update(file, PASSWORD, r -> null));
      assertTrue(busy.getMessage().contains("another thread of this process"), busy.getMessage());
      release.countDown();
      holder.get(30, TimeUnit.SECONDS);
      assertTrue(Files.readString(dir.resolve("keys.mrk.lock")).startsWith("pid=" + ProcessHandle.current().pid()));
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void aDanglingSymlinkIsKeptAndItsTargetCreated() throws Exception {
    Path real = Files.createDirectory(dir.resolve("real")).resolve("target.mrk");
    Path link = Files.createSymbolicLink(dir.resolve("link.mrk"), real);
    keystores.update(link, PASSWORD, r -> r.client(US).createKey(CreateKeyRequest.singleRegionKey("k")));
    assertTrue(Files.isSymbolicLink(link), "the link is kept");
    assertTrue(Files.isRegularFile(real), "the write went to the link's target");
    assertTrue(Files.exists(real.resolveSibling("target.mrk.lock")),
        "the lock sits next to the real file, so every name of one keystore shares it");
    keystores.update(link, PASSWORD, r -> null);
    assertTrue(Files.isSymbolicLink(link));
    assertEquals(1, keystores.load(real, PASSWORD).client(US).listKeys().size());
  }

  @Test
  void theKdfCeilingRefusesBeforeAnyWorkAndTheFloorUpgradesOnWrite() throws Exception {
    MrkKeystore cautious = keystores.withKdfCeiling("argon2id:m=32,t=1,p=1");
    IOException refused = assertThrows(IOException.class, () -> cautious.load(file, PASSWORD));
    assertTrue(refused.getMessage().contains("ceiling"), refused.getMessage());

    MrkKeystore stronger = keystores.withKdf("argon2id:m=128,t=2,p=1");
    stronger.update(file, PASSWORD, r -> null);
    assertEquals("argon2id:m=128,t=2,p=1", SealedKeystore.kdfParameters(Files.readAllBytes(file)).toString());
    keystores.update(file, PASSWORD, r -> null);
    assertEquals("argon2id:m=128,t=2,p=1", SealedKeystore.kdfParameters(Files.readAllBytes(file)).toString(),
        "a writer with a lower floor keeps the file's stronger parameters");
  }

  @Test
  void eachWriteHasAFreshNonceUnderTheKeptSalt() throws Exception {
    try (KeystoreSession session = keystores.open(file, PASSWORD)) {
      byte[] a = Files.readAllBytes(file);
      session.update(r -> null);
      byte[] b = Files.readAllBytes(file);
      // Header: magic 8, version 2, KDF 13, salt 16 at offset 23, verifier 32, nonce 12 at offset 71.
      assertArrayEquals(java.util.Arrays.copyOfRange(a, 23, 39), java.util.Arrays.copyOfRange(b, 23, 39));
      assertNotEquals(java.util.HexFormat.of().formatHex(a, 71, 83), java.util.HexFormat.of().formatHex(b, 71, 83));
    }
  }

  @Test
  void anExportPastTheRotationDateHoldsExactlyTheSourcesVersions() throws Exception {
    clock.advance(Duration.ofDays(91));
    byte[] before = Files.readAllBytes(file);
    byte[] ct = encrypt(keystores.load(file, PASSWORD), US, id, "exported");
    Path export = dir.resolve("eu.mrk");
    keystores.exportRegion(file, PASSWORD, EU, export, "export password".toCharArray());
    assertArrayEquals(before, Files.readAllBytes(file), "exporting writes nothing to the source");
    KeyRegistry eu = keystores.load(export, "export password".toCharArray());
    assertEquals(0, eu.client(EU).listKeyRotations(id).size(), "the export minted no version of its own");
    assertEquals("exported", decrypt(eu, EU, id, ct));
    keystores.update(file, PASSWORD, r -> null);
    assertEquals(1, keystores.load(file, PASSWORD).client(EU).listKeyRotations(id).size());
    try (KeystoreSession source = keystores.open(file, PASSWORD);
         KeystoreSession exported = keystores.open(export, "export password".toCharArray())) {
      assertNotEquals(source.keystoreId(), exported.keystoreId(), "an export is a keystore of its own");
      assertEquals(1, exported.generation());
    }
  }

  @Test
  void aGenerationNotedElsewhereMakesAnOlderFileARollback() throws Exception {
    Lineage current;
    try (KeystoreSession session = keystores.open(file, PASSWORD)) {
      current = new Lineage(session.keystoreId(), session.generation());
    }
    // What the audit trail does with its last anchored generation.
    PersistedRegistry.noteGeneration(new Lineage(current.keystoreId(), current.generation() + 5));
    try (KeystoreSession session = keystores.open(file, PASSWORD)) {
      assertTrue(session.problem().orElseThrow().contains("rollback"));
      assertEquals(current.generation(), session.generation(), "reads still work");
      assertThrows(IOException.class, () -> session.update(r -> null));
    }
  }

  /** The log's last line, its recorded generation raised to 9 (same length, so only the HMAC tells). */
  private String raisedLastLine(Path log) throws IOException {
    java.util.List<String> lines = Files.readAllLines(log);
    String last = lines.get(lines.size() - 1);
    String raised = last.replaceFirst("(\"mrkLineage\":\\{\"keystoreId\":\"[0-9a-f]{32}\",\"generation\":)1\\}", "$19}");
    assertNotEquals(last, raised, "the last record names generation 1: " + last);
    return raised;
  }

  @Test
  void everyRecordNamesTheGenerationItWasWrittenAgainst() throws Exception {
    Path log = io.mrk.internal.audit.AuditLogFiles.fileFor(io.mrk.internal.audit.AuditLogFiles.directoryFor(file), US);
    String stamp = "\"mrkLineage\":{\"keystoreId\":\"";
    try (KeystoreSession session = keystores.open(file, PASSWORD)) {
      String writeEvent = Files.readAllLines(log).get(0);
      assertTrue(writeEvent.contains(stamp + session.keystoreId() + "\",\"generation\":1},\"mrkChain\""), writeEvent);
      session.update(r -> {
        r.client(US).tagResource(id, java.util.List.of(new io.mrk.kms.Tag("n", "v")));
        return null;
      });
      encrypt(session.registry(), US, id, "a direct event");
      MrkKeystore.flushAudit(session.registry());
      java.util.List<String> lines = Files.readAllLines(log);
      assertTrue(lines.get(lines.size() - 2).contains("\"TagResource\"")
          && lines.get(lines.size() - 2).contains(stamp + session.keystoreId() + "\",\"generation\":2}"),
          "the write's event names the generation it commits: " + lines.get(lines.size() - 2));
      assertTrue(lines.get(lines.size() - 1).contains("\"Encrypt\"")
          && lines.get(lines.size() - 1).contains(stamp + session.keystoreId() + "\",\"generation\":2}"),
          "a direct event names the generation its session had seen: " + lines.get(lines.size() - 1));
    }
  }

  @Test
  void aTamperedLastRecordDoesNotMakeAGoodFileLookRolledBack() throws Exception {
    Path log = io.mrk.internal.audit.AuditLogFiles.fileFor(io.mrk.internal.audit.AuditLogFiles.directoryFor(file), US);
    java.util.List<String> lines = new java.util.ArrayList<>(Files.readAllLines(log));
    lines.set(lines.size() - 1, raisedLastLine(log));
    Files.write(log, lines);
    try (KeystoreSession session = keystores.open(file, PASSWORD)) {
      assertEquals(java.util.Optional.empty(), session.problem(), "a record that does not verify is ignored");
      session.update(r -> null);
      assertEquals(2, session.generation());
    }
    assertFalse(io.mrk.internal.registry.KeystoreAudit.verify(file, PASSWORD).orElseThrow().intact(),
        "audit verify reports the tampered record");
  }

  @Test
  void aTornLastRecordDoesNotMakeAGoodFileLookRolledBack() throws Exception {
    Path log = io.mrk.internal.audit.AuditLogFiles.fileFor(io.mrk.internal.audit.AuditLogFiles.directoryFor(file), US);
    String raised = raisedLastLine(log);
    Files.writeString(log, raised.substring(0, raised.length() - 20), StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
    assertFalse(io.mrk.internal.registry.KeystoreAudit.verify(file, PASSWORD).orElseThrow().intact(),
        "audit verify reports the torn line");
    try (KeystoreSession session = keystores.open(file, PASSWORD)) {
      assertEquals(java.util.Optional.empty(), session.problem(), "a line without its newline is ignored");
      session.update(r -> null);
      assertEquals(2, session.generation());
    }
  }

  @Test
  void aDeletedFileIsReportedAndNotRecreatedBehindTheReadersBack() throws Exception {
    try (KeystoreSession session = keystores.open(file, PASSWORD)) {
      Files.delete(file);
      assertFalse(session.refresh());
      assertTrue(session.problem().orElseThrow().contains("no longer exists"));
      assertEquals(1, session.registry().client(US).listKeys().size());
      IOException refused = assertThrows(IOException.class, () -> session.update(r -> null));
      assertTrue(refused.getMessage().contains("deleted"), refused.getMessage());
      assertFalse(Files.exists(file));
    }
  }
}
