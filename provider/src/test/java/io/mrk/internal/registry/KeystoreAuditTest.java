package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.KeyRegistries;
import io.mrk.MrkKeystore;
import io.mrk.audit.AuditFilter;
import io.mrk.audit.AuditRecord;
import io.mrk.audit.AuditReport;
import io.mrk.audit.ChainProblem;
import io.mrk.audit.RegionReport;
import io.mrk.internal.audit.AuditLogFiles;
import io.mrk.internal.audit.AuditMerger;
import io.mrk.internal.audit.AuditTrail;
import io.mrk.internal.audit.AuditVerifier;
import io.mrk.internal.store.KdfParameters;
import io.mrk.internal.store.KeystoreFile;
import io.mrk.kms.CreateGrantRequest;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import io.mrk.kms.ReplicateKeyRequest;
import io.mrk.kms.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail of keystore writes: the outbox (nothing false, nothing lost), the anchors
 * (truncation, deletion, replay), per-Region keys (export forgery), and trails owned by their opener.
 */
class KeystoreAuditTest {

  static final Region US = new Region("us-east-1");
  static final Region EU = new Region("eu-west-1");
  static final char[] PASSWORD = "correct horse".toCharArray();
  static final String KDF = "argon2id:m=64,t=1,p=1";

  @TempDir
  Path dir;
  Path file;
  Path logs;
  MrkKeystore keystores;
  List<String> warnings = new ArrayList<>();
  String keyId;

  @BeforeEach
  void createAReplicatedKey() throws Exception {
    file = dir.resolve("keys.mrk");
    logs = AuditLogFiles.directoryFor(file);
    keystores = MrkKeystore.withDefaults().withKdf(KDF).withAuditWarnings(warnings::add);
    keyId = keystores.update(file, PASSWORD, r -> {
      String id = r.client(US).createKey(CreateKeyRequest.multiRegionKey("orders")).keyId().value();
      r.client(US).replicateKey(id, EU, ReplicateKeyRequest.DEFAULTS);
      return id;
    });
  }

  AuditReport verify() throws IOException {
    return KeystoreAudit.verify(file, PASSWORD).orElseThrow();
  }

  RegionReport verify(Region region) throws IOException {
    return verify().regions().stream().filter(f -> f.region().equals(region)).findFirst().orElseThrow();
  }

  List<String> events(Region region) throws Exception {
    return AuditMerger.merge(logs, new AuditFilter(Set.of(region), null, null, Set.of())).stream()
        .map(r -> r.eventName() + " " + r.result()).toList();
  }

  void tag(String key) throws Exception {
    keystores.update(file, PASSWORD, r -> {
      r.client(EU).tagResource(keyId, List.of(Tag.of(key, "v")));
      return null;
    });
  }

  @Test
  void committedWritesAreLoggedOnceAndAnchoredByTheNextWrite() throws Exception {
    assertEquals(List.of("CreateKey OK", "ReplicateKey OK"), events(US));
    assertEquals(List.of("CreateKey OK"), events(EU));
    assertEquals(0, verify(EU).anchored(), "the first write's own events are anchored by the next one");
    tag("a");
    assertEquals(1, verify(EU).anchored());
    assertEquals(2, verify(US).anchored());
    AuditReport report = verify();
    assertTrue(report.intact(), report::toString);
    assertTrue(warnings.isEmpty(), warnings::toString);
  }

  @Test
  void aWriteThatFailsLeavesNoSuccessEventButItsRefusalsAreLogged() throws Exception {
    // Like an update that fails to encode (a u16 grant count): the grants made in memory never existed.
    IllegalArgumentException unencodable = assertThrows(IllegalArgumentException.class,
        () -> keystores.update(file, PASSWORD, r -> {
          for (int i = 0; i < 50; i++) {
            r.client(US).createGrant(new CreateGrantRequest(keyId, "arn:aws:iam::111122223333:role/g" + i,
                List.of("Decrypt"), null, null, null));
          }
          throw new IllegalArgumentException("grant count 65536 does not fit a u16");
        }));
    assertTrue(unencodable.getMessage().contains("u16"));
    KmsException refused = assertThrows(KmsException.class, () -> keystores.update(file, PASSWORD, r -> {
      r.client(EU).tagResource(keyId, List.of(Tag.of("kept", "no")));
      r.client(EU).disableKey("mrk-00000000000000000000000000000000");
      return null;
    }));
    assertEquals(KmsError.NOT_FOUND, refused.error());
    assertEquals(List.of("CreateKey OK", "ReplicateKey OK"), events(US), "no CreateGrant success was logged");
    assertEquals(List.of("CreateKey OK", "DisableKey NotFoundException"), events(EU),
        "the refusal is logged, the tag that was never stored is not");
    assertTrue(verify().intact());
  }

  @Test
  void aCrashBetweenCommitAndAppendIsRecoveredByTheNextWriteExactlyOnce() throws Exception {
    // MrkKeystore.update without its last step (AuditedWrite.committed): the process died after the commit.
    MrkKeystore.Change<Void> change = r -> {
      r.client(EU).tagResource(keyId, List.of(Tag.of("crash", "1")));
      return null;
    };
    KeystoreFile.update(file, PASSWORD, KdfParameters.parse(KDF), new SecureRandom(), current -> {
      KeyRegistry registry = RegistryCodec.decode(current, KeyRegistries.builder());
      AuditedWrite write = AuditedWrite.begin(registry, file, Clock.systemUTC());
      change.apply(registry);
      return write.encode(RegistryAccess.lineage(registry));
    });
    assertEquals(List.of("CreateKey OK"), events(EU));
    RegionReport pending = verify(EU);
    assertTrue(pending.intact());
    assertEquals(1, pending.pending(), "verify names the committed event not yet appended");

    tag("after");
    assertEquals(List.of("CreateKey OK", "TagResource OK", "TagResource OK"), events(EU));
    tag("again");
    assertEquals(4, events(EU).size(), "a recovered event is never appended twice");
    AuditReport report = verify();
    assertTrue(report.intact(), report::toString);
    assertEquals(0, report.regions().stream().mapToLong(RegionReport::pending).sum());
  }

  @Test
  void aChildJvmKilledAfterItsCommitLosesNoEvent() throws Exception {
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), CrashAfterCommit.class.getName(), file.toString(),
        new String(PASSWORD), KDF, keyId, "eu-west-1", "killed").redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && child.exitValue() == 0, out);
    assertEquals(1, verify(EU).pending(), "committed by the dead process, not yet appended");
    tag("next");
    assertEquals(List.of("CreateKey OK", "TagResource OK", "TagResource OK"), events(EU));
    assertTrue(verify().intact());
  }

  @Test
  void deliveringAnOutboxTwiceAppendsEachEventOnce() throws Exception {
    tag("a");
    LocalKeyRegistry registry = RegistryAccess.local(keystores.load(file, PASSWORD));
    var section = registry.auditSecret().committed();
    assertEquals(1, section.outbox().size());
    for (int i = 0; i < 2; i++) {
      try (AuditTrail trail = AuditTrail.forKeystore(file, registry.auditSecret().chainKeys(), Clock.systemUTC(),
          Duration.ofSeconds(5))) {
        assertTrue(trail.deliver(section.anchors(), section.outbox()).problems().isEmpty());
      }
    }
    assertEquals(List.of("CreateKey OK", "TagResource OK"), events(EU));
  }

  @Test
  void truncationBeforeTheAnchorIsReportedAndRecordedByTheNextWrite() throws Exception {
    tag("a");
    tag("b");
    Path eu = AuditLogFiles.fileFor(logs, EU);
    List<String> lines = Files.readAllLines(eu, StandardCharsets.UTF_8);
    Files.writeString(eu, lines.get(0) + "\n", StandardCharsets.UTF_8);
    RegionReport cut = verify(EU);
    assertEquals(ChainProblem.BEHIND_ANCHOR, cut.firstBreak().problem(), cut::toString);
    assertEquals(2, cut.anchored());

    tag("c");
    RegionReport recorded = verify(EU);
    assertEquals(ChainProblem.VIOLATION_RECORDED, recorded.firstBreak().problem(), recorded::toString);
    assertTrue(events(EU).contains(AuditTrail.VIOLATION_EVENT + " OK"));
    assertTrue(events(EU).get(events(EU).size() - 1).startsWith("TagResource"), "the write's events still arrive");
  }

  @Test
  void aDeletedRegionLogIsReported() throws Exception {
    tag("a");
    Files.delete(AuditLogFiles.fileFor(logs, EU));
    RegionReport gone = verify(EU);
    assertEquals(ChainProblem.MISSING_LOG, gone.firstBreak().problem());
    assertFalse(verify().intact());
  }

  @Test
  void aRegionThatHoldsKeysAndHasNoLogIsReportedEvenBeforeAnyAnchor() throws Exception {
    tag("a");
    Files.delete(AuditLogFiles.fileFor(logs, US));
    assertEquals(ChainProblem.MISSING_LOG, verify(US).firstBreak().problem());
  }

  @Test
  void aReplayedOlderCopyOfALogIsReported() throws Exception {
    tag("a");
    Path eu = AuditLogFiles.fileFor(logs, EU);
    byte[] older = Files.readAllBytes(eu);
    tag("b");
    tag("c");
    Files.write(eu, older);
    RegionReport replayed = verify(EU);
    assertEquals(ChainProblem.BEHIND_ANCHOR, replayed.firstBreak().problem(), replayed::toString);
  }

  @Test
  void anExportCannotForgeAnyRegionsChainOfTheSource() throws Exception {
    tag("a");
    Path export = dir.resolve("eu.mrk");
    char[] exportPassword = "export password".toCharArray();
    keystores.exportRegion(file, PASSWORD, EU, export, exportPassword);
    LocalKeyRegistry exported = RegistryAccess.local(RegistryCodec.decode(KeystoreFile.load(export, exportPassword),
        KeyRegistries.builder()));
    assertTrue(exported.auditSecret().committed().anchors().isEmpty(), "an export starts its own trail");

    // The export's holder rewrites the source's eu-west-1 log from its genesis with a valid chain of its own.
    Path forgedDir = dir.resolve("forged");
    Instant t = Instant.parse("2026-11-29T04:00:00Z");
    try (AuditTrail forger = AuditTrail.open(forgedDir, exported.auditSecret().chainKeys(),
        Clock.fixed(t, ZoneOffset.UTC), Duration.ofSeconds(5))) {
      var sink = new io.mrk.internal.audit.AuditEvent("CreateKey", EU,
          io.mrk.internal.audit.AuditIdentity.ofPrincipal("arn:aws:iam::111122223333:root", "111122223333"),
          io.mrk.internal.audit.AuditEvent.API_CALL, false, null, null, null, List.of(), null, null);
      forger.deliver(java.util.Map.of(), List.of(io.mrk.internal.audit.PendingEvent.of(sink, t)));
    }
    for (Region region : List.of(EU, US)) {
      Files.copy(AuditLogFiles.fileFor(forgedDir, EU),
          AuditLogFiles.fileFor(logs, region), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      ChainProblem problem = verify(region).firstBreak().problem();
      assertTrue(problem == ChainProblem.BAD_HMAC || problem == ChainProblem.WRONG_GENESIS, region + ": " + problem);
    }
  }

  @Test
  void aKeystorePathReusedInOneJvmNeverSendsEventsToTheFirstKeystoresTrail() throws Exception {
    KeyRegistry first = keystores.load(file, PASSWORD);
    first.client(EU).describeKey(keyId);
    assertTrue(MrkKeystore.flushAudit(first).isEmpty());
    Files.delete(file);

    Instant later = Instant.parse("2031-01-01T00:00:00Z");
    MrkKeystore second = MrkKeystore.withDefaults().withKdf(KDF).withClock(Clock.fixed(later, ZoneOffset.UTC))
        .withAuditWarnings(warnings::add);
    String other = second.update(file, "another password".toCharArray(),
        r -> r.client(EU).createKey(CreateKeyRequest.singleRegionKey("second")).keyId().value());
    KeyRegistry reloaded = second.load(file, "another password".toCharArray());
    reloaded.client(EU).describeKey(other);
    assertTrue(MrkKeystore.flushAudit(reloaded).isEmpty());
    first.client(EU).describeKey(keyId);
    List<String> late = MrkKeystore.flushAudit(first);
    assertEquals(1, late.size(), "the first keystore's late event is reported, not written");
    assertTrue(late.get(0).contains("belongs to another keystore"), late.get(0));

    List<AuditRecord> records = AuditMerger.merge(logs, AuditFilter.ALL);
    assertEquals(List.of("CreateKey", "DescribeKey"), records.stream().map(AuditRecord::eventName).toList());
    records.forEach(r -> assertEquals(later, r.eventTime(), "the second keystore's clock"));
    assertTrue(KeystoreAudit.verify(file, "another password".toCharArray()).orElseThrow().intact());
    try (var orphaned = Files.list(dir)) {
      Path old = orphaned.filter(p -> p.getFileName().toString().startsWith("keys.mrk.audit.orphaned-")).findFirst()
          .orElseThrow();
      assertTrue(Files.readString(AuditLogFiles.fileFor(old, EU)).contains("\"DescribeKey\""),
          "the first keystore's logs were moved aside, not extended or deleted");
    }
  }

  @Test
  void anOutboxThatOutgrowsItsLimitKeepsACountOfWhatItDropped() throws Exception {
    Path eu = AuditLogFiles.fileFor(logs, EU);
    Path saved = Files.move(eu, dir.resolve("saved.jsonl"));
    Files.createDirectory(eu);
    int calls = io.mrk.internal.audit.AuditSection.MAX_OUTBOX_EVENTS + 10;
    keystores.update(file, PASSWORD, r -> {
      for (int i = 0; i < calls; i++) {
        r.client(EU).describeKey(keyId);
      }
      return null;
    });
    assertTrue(warnings.stream().anyMatch(w -> w.contains("were dropped from the outbox")), warnings::toString);
    Files.delete(eu);
    Files.move(saved, eu);
    tag("after");
    List<AuditRecord> records = AuditMerger.merge(logs, new AuditFilter(Set.of(EU), null, null, Set.of()));
    AuditRecord notice = records.stream().filter(r -> r.eventName().equals(AuditTrail.DROPPED_EVENT)).findFirst()
        .orElseThrow();
    // 11 over the limit plus room for the notice; the first is CreateKey, unconfirmed while the log was unreadable.
    assertTrue(notice.line().contains("\"droppedEvents\":12"), notice.line());
    assertEquals(calls - 11, records.stream().filter(r -> r.eventName().equals("DescribeKey")).count());
    assertTrue(verify().intact(), () -> {
      try {
        return verify().toString();
      } catch (IOException e) {
        return e.toString();
      }
    });
  }

  @Test
  void readersShareTheLogsAndTheirTrailsAreTheirOwn() throws Exception {
    KeyRegistry a = keystores.load(file, PASSWORD);
    KeyRegistry b = keystores.load(file, PASSWORD);
    assertFalse(RegistryAccess.local(a).audit() == RegistryAccess.local(b).audit());
    a.client(EU).describeKey(keyId);
    b.client(US).describeKey(keyId);
    tag("between");
    a.client(US).describeKey(keyId);
    assertTrue(MrkKeystore.flushAudit(a).isEmpty());
    assertTrue(MrkKeystore.flushAudit(b).isEmpty());
    assertTrue(verify().intact());
    assertEquals(List.of("CreateKey OK", "ReplicateKey OK", "DescribeKey OK", "DescribeKey OK"), events(US));
    assertSame(RegistryAccess.local(a).audit(), RegistryAccess.local(a).audit());
    assertTrue(Arrays.asList(logs.toFile().list()).contains(AuditLogFiles.ID_FILE));
  }

  @Test
  void theFirstWriteAfterAnUpgradeArchivesChainVersionOneLogsAndStartsVersionTwo() throws Exception {
    // A format-2 keystore (secret, no audit section) with a chain version 1 log beside it.
    byte[] v3 = KeystoreFile.load(file, PASSWORD);
    // Format 3 = format 2 + the 24-byte keystore id and generation + the audit section, after the secret.
    int sectionAt = 2 + 2 + 12 + AuditSecret.BYTES;
    byte[] withEmptySection = RegistryCodec.encode(RegistryCodec.decode(v3, KeyRegistries.builder()),
        io.mrk.internal.audit.AuditSection.empty(false));
    int sectionLength = v3.length - withEmptySection.length + 14 + Lineage.ID_BYTES + 8;
    byte[] v2 = new byte[v3.length - sectionLength];
    System.arraycopy(v3, 0, v2, 0, sectionAt);
    System.arraycopy(v3, sectionAt + sectionLength, v2, sectionAt, v2.length - sectionAt);
    v2[1] = 2;
    KeystoreFile.write(file, v2, PASSWORD, KdfParameters.parse(KDF), new SecureRandom());
    Path eu = AuditLogFiles.fileFor(logs, EU);
    Files.writeString(eu, "{\"a chain version 1 record\":true}\n");
    Files.delete(logs.resolve(AuditLogFiles.ID_FILE));
    assertTrue(KeystoreAudit.verify(file, PASSWORD).isEmpty(), "verify says the trail predates chain version 2");

    tag("upgrade");
    assertEquals("{\"a chain version 1 record\":true}\n", Files.readString(logs.resolve("eu-west-1.jsonl.v1")));
    assertEquals(List.of(AuditTrail.UPGRADED_EVENT + " OK", "TagResource OK"), events(EU));
    assertEquals(AuditTrail.UPGRADED_EVENT + " OK", events(US).get(0));
    AuditReport report = verify();
    assertTrue(report.intact(), report::toString);
  }
}
