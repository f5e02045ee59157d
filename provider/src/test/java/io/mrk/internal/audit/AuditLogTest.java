package io.mrk.internal.audit;

import static io.mrk.internal.audit.AuditFixtures.EU;
import static io.mrk.internal.audit.AuditFixtures.MRK;
import static io.mrk.internal.audit.AuditFixtures.US;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.audit.AuditReport;
import io.mrk.audit.ChainBreak;
import io.mrk.audit.ChainProblem;
import io.mrk.audit.RegionReport;
import io.mrk.json.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chained logs: format, verification of every kind of break, resumption and recovery, drops. */
class AuditLogTest {

  static final Instant T0 = Instant.parse("2026-11-29T04:00:00Z");

  @TempDir
  Path dir;

  StepClock clock = new StepClock(T0, Duration.ofMillis(1500));

  AuditTrail open() {
    return AuditTrail.open(dir, AuditFixtures.keys(), clock, Duration.ofSeconds(5));
  }

  /** Writes {@code n} Encrypt events to the EU log and returns its path. */
  Path writeEu(int n) throws Exception {
    try (AuditTrail t = open()) {
      for (int i = 0; i < n; i++) {
        t.record(AuditFixtures.encrypt(EU, MRK, "t" + i));
      }
      assertTrue(t.flush().ok());
    }
    return AuditLogFiles.fileFor(dir, EU);
  }

  static AuditReport verify(Path dir, ChainKeys keys) throws IOException {
    return AuditVerifier.verify(dir, keys, AuditSection.empty(false), Set.of());
  }

  RegionReport verifyEu() throws IOException {
    return verify(dir, AuditFixtures.keys()).regions().stream().filter(f -> f.region().equals(EU)).findFirst().orElseThrow();
  }

  static List<String> lines(Path file) throws IOException {
    return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  static void writeLines(Path file, List<String> lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String line) throws Exception {
    return (Map<String, Object>) Json.parse(line);
  }

  @Test
  @SuppressWarnings("unchecked")
  void eventsOfSeveralKindsAreWrittenInCloudTrailShapeAndVerify() throws Exception {
    try (AuditTrail t = open()) {
      t.record(AuditFixtures.createKey(EU, MRK));
      t.record(AuditFixtures.encrypt(EU, MRK, "alpha"));
      t.record(AuditFixtures.deniedDecrypt(EU, MRK));
      t.record(AuditFixtures.synchronize(US, MRK));
    }
    List<String> eu = lines(AuditLogFiles.fileFor(dir, EU));
    assertEquals(3, eu.size());
    Map<String, Object> create = json(eu.get(0));
    assertEquals("1.08", create.get("eventVersion"));
    assertEquals("2026-11-29T04:00:00Z", create.get("eventTime"));
    assertEquals("kms.amazonaws.com", create.get("eventSource"));
    assertEquals("CreateKey", create.get("eventName"));
    assertEquals("eu-west-1", create.get("awsRegion"));
    assertEquals("AwsApiCall", create.get("eventType"));
    assertEquals(Boolean.FALSE, create.get("readOnly"));
    assertEquals(Map.of("type", "Root", "arn", AuditFixtures.ROOT, "accountId", "111122223333"), create.get("userIdentity"));
    Map<String, Object> resource = ((List<Map<String, Object>>) create.get("resources")).get(0);
    assertEquals("AWS::KMS::Key", resource.get("type"));
    assertEquals(AuditFixtures.arn(EU, MRK).toString(), resource.get("ARN"));
    UUID.fromString((String) create.get("eventID"));
    Map<String, Object> chain = (Map<String, Object>) create.get("mrkChain");
    assertEquals(List.of("sequence", "previousLink", "link"), List.copyOf(chain.keySet()));
    assertEquals(AuditChain.hex(AuditChain.genesis(EU)), chain.get("previousLink"));

    Map<String, Object> encrypt = json(eu.get(1));
    assertEquals("2026-11-29T04:00:01.500Z", encrypt.get("eventTime"));
    assertEquals(Map.of("tenant", "alpha"), ((Map<String, Object>) encrypt.get("requestParameters")).get("encryptionContext"));
    assertNull(encrypt.get("responseElements"));
    assertFalse(encrypt.containsKey("errorCode"));

    Map<String, Object> denied = json(eu.get(2));
    assertEquals("AccessDeniedException", denied.get("errorCode"));
    assertTrue(((String) denied.get("errorMessage")).startsWith("User: "));

    Map<String, Object> sync = json(lines(AuditLogFiles.fileFor(dir, US)).get(0));
    assertEquals("AwsServiceEvent", sync.get("eventType"));
    assertEquals("us-east-1", sync.get("awsRegion"));
    assertEquals(Map.of("type", "AWSService", "invokedBy", "kms.amazonaws.com"), sync.get("userIdentity"));

    AuditReport report = verify(dir, AuditFixtures.keys());
    assertTrue(report.intact(), report::toString);
    assertEquals(List.of(EU, US), report.regions().stream().map(RegionReport::region).toList());
    assertEquals(3, report.regions().get(0).records());
  }

  @Test
  void aTamperedByteIsABadHmacAtItsLine() throws Exception {
    Path file = writeEu(5);
    List<String> lines = lines(file);
    lines.set(2, lines.get(2).replace("\"tenant\":\"t2\"", "\"tenant\":\"t9\""));
    writeLines(file, lines);
    ChainBreak b = verifyEu().firstBreak();
    assertEquals(ChainProblem.BAD_HMAC, b.problem());
    assertEquals(3, b.lineNumber());
    assertEquals(2, verifyEu().records());
  }

  @Test
  void aDeletedLineBreaksTheLinkAtItsPlace() throws Exception {
    Path file = writeEu(5);
    List<String> lines = lines(file);
    lines.remove(2);
    writeLines(file, lines);
    ChainBreak b = verifyEu().firstBreak();
    assertEquals(ChainProblem.BROKEN_LINK, b.problem());
    assertEquals(3, b.lineNumber());
    assertTrue(b.detail().contains("previousLink is not the link of record 2"), b.detail());
  }

  @Test
  void aReorderedPairIsDetectedAtItsFirstLine() throws Exception {
    Path file = writeEu(5);
    List<String> lines = lines(file);
    String second = lines.get(1);
    lines.set(1, lines.get(2));
    lines.set(2, second);
    writeLines(file, lines);
    ChainBreak b = verifyEu().firstBreak();
    assertEquals(ChainProblem.BROKEN_LINK, b.problem());
    assertEquals(2, b.lineNumber());
  }

  @Test
  void aTruncatedLastLineIsReported() throws Exception {
    Path file = writeEu(4);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 40));
    ChainBreak b = verifyEu().firstBreak();
    assertEquals(ChainProblem.TRUNCATED_LINE, b.problem());
    assertEquals(4, b.lineNumber());
    assertEquals(3, verifyEu().records());
  }

  @Test
  void garbageIsRefusedBeforeAnyJsonIsParsed() throws Exception {
    Path file = writeEu(2);
    List<String> lines = lines(file);
    lines.add(1, "{not json");
    writeLines(file, lines);
    assertEquals(ChainProblem.MALFORMED_RECORD, verifyEu().firstBreak().problem());
    lines.set(1, "{\"eventName\":\"Encrypt\"}");
    writeLines(file, lines);
    ChainBreak b = verifyEu().firstBreak();
    assertEquals(ChainProblem.MALFORMED_RECORD, b.problem());
    assertEquals(2, b.lineNumber());
    String forged = "[" + "[".repeat(100_000) + lines.get(0).substring(lines.get(0).indexOf(",\"mrkChain\""));
    lines.set(1, forged);
    writeLines(file, lines);
    assertEquals(ChainProblem.BROKEN_LINK, verifyEu().firstBreak().problem(), "authenticated before parsed");
  }

  @Test
  void anotherSecretFailsAtTheFirstLine() throws Exception {
    writeEu(2);
    ChainBreak b = verify(dir, AuditFixtures.keys((byte) 7)).regions().get(0).firstBreak();
    assertEquals(ChainProblem.BAD_HMAC, b.problem());
    assertEquals(1, b.lineNumber());
  }

  @Test
  void eachRegionHasItsOwnKey() throws Exception {
    try (ChainKeys keys = AuditFixtures.keys()) {
      assertFalse(java.util.Arrays.equals(keys.keyBytes(EU), keys.keyBytes(US)));
    }
  }

  @Test
  void aLogCopiedUnderAnotherRegionsNameIsRefused() throws Exception {
    Path file = writeEu(2);
    Files.copy(file, AuditLogFiles.fileFor(dir, US));
    AuditReport report = verify(dir, AuditFixtures.keys());
    RegionReport us = report.regions().stream().filter(f -> f.region().equals(US)).findFirst().orElseThrow();
    assertEquals(ChainProblem.WRONG_GENESIS, us.firstBreak().problem());
    assertEquals(1, us.firstBreak().lineNumber());
    assertFalse(report.intact());
  }

  @Test
  void aFirstRecordNotLinkedToTheGenesisIsReported() throws Exception {
    javax.crypto.Mac mac = AuditFixtures.keys().mac(EU);
    byte[] notGenesis = AuditChain.genesis(US);
    String unsigned = AuditChain.unsigned(AuditEventCodec.body(AuditFixtures.encrypt(EU, MRK, "x"), T0, UUID.randomUUID()),
        1, notGenesis);
    Files.createDirectories(dir);
    writeLines(AuditLogFiles.fileFor(dir, EU), List.of(AuditChain.sign(unsigned, AuditChain.link(mac, notGenesis, unsigned))));
    assertEquals(ChainProblem.WRONG_GENESIS, verifyEu().firstBreak().problem());
  }

  @Test
  void aLaterTrailResumesTheChain() throws Exception {
    writeEu(3);
    writeEu(2);
    RegionReport eu = verifyEu();
    assertTrue(eu.intact(), () -> String.valueOf(eu.firstBreak()));
    assertEquals(5, eu.records());
  }

  @Test
  void aTornLastLineIsCutOffAndTheRecoveryRecorded() throws Exception {
    Path file = writeEu(3);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 40));
    long torn = lines(file).get(2).length();
    writeEu(1);
    List<String> lines = lines(file);
    assertEquals(4, lines.size());
    Map<String, Object> recovery = json(lines.get(2));
    assertEquals(AuditTrail.TAIL_RECOVERED_EVENT, recovery.get("eventName"));
    assertEquals(Map.of("truncatedBytes", new BigDecimal(torn), "completedLastRecord", false),
        recovery.get("additionalEventData"));
    RegionReport eu = verifyEu();
    assertTrue(eu.intact(), () -> String.valueOf(eu.firstBreak()));
  }

  @Test
  void aWholeLastRecordThatOnlyLostItsNewlineIsKept() throws Exception {
    Path file = writeEu(3);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 1));
    writeEu(1);
    List<String> lines = lines(file);
    assertEquals(5, lines.size());
    assertEquals(Map.of("truncatedBytes", BigDecimal.ZERO, "completedLastRecord", true),
        json(lines.get(3)).get("additionalEventData"));
    assertTrue(verifyEu().intact());
  }

  @Test
  void aTamperedTailIsNotExtendedAndTheDropIsReported() throws Exception {
    Path file = writeEu(3);
    List<String> lines = lines(file);
    lines.set(2, lines.get(2).replace("\"t2\"", "\"tX\""));
    writeLines(file, lines);
    try (AuditTrail t = open()) {
      t.record(AuditFixtures.encrypt(EU, MRK, "refused"));
      AuditTrail.Health health = t.flush();
      assertEquals(1, health.dropped());
      assertTrue(health.problems().get(0).contains("BAD_HMAC"), health.problems().toString());
    }
    assertEquals(lines, lines(file));
  }

  @Test
  void aFailedWriteIsReportedAndRecordedOnceTheLogCanBeWrittenAgain() throws Exception {
    Path blocked = AuditLogFiles.fileFor(dir, EU);
    Files.createDirectories(blocked);
    try (AuditTrail t = open()) {
      t.record(AuditFixtures.encrypt(EU, MRK, "lost"));
      AuditTrail.Health health = t.flush();
      assertEquals(1, health.dropped());
      assertFalse(health.ok());
      assertEquals(ChainProblem.UNREADABLE, verifyEu().firstBreak().problem(), "a directory in a log's place is reported");
      Files.delete(blocked);
      t.record(AuditFixtures.encrypt(EU, MRK, "kept"));
      assertTrue(t.flush().ok());
    }
    List<String> lines = lines(blocked);
    assertEquals(2, lines.size());
    Map<String, Object> notice = json(lines.get(0));
    assertEquals(AuditTrail.DROPPED_EVENT, notice.get("eventName"));
    assertEquals(Map.of("droppedEvents", BigDecimal.ONE), notice.get("additionalEventData"));
    assertTrue(lines.get(1).contains("\"kept\""));
    assertTrue(verifyEu().intact());
  }

  @Test
  void closeWritesEverythingRecordedAndLaterEventsAreReportedAsDropped() throws Exception {
    AuditTrail t = open();
    for (int i = 0; i < 600; i++) {
      t.record(AuditFixtures.encrypt(i % 2 == 0 ? EU : US, MRK, "t" + i));
    }
    t.close();
    t.record(AuditFixtures.encrypt(EU, MRK, "late"));
    assertEquals(1, t.flush().dropped());
    t.close();
    assertEquals(300, lines(AuditLogFiles.fileFor(dir, EU)).size());
    assertEquals(300, lines(AuditLogFiles.fileFor(dir, US)).size());
    assertTrue(verify(dir, AuditFixtures.keys()).intact());
  }

  @Test
  void manyTrailsOfOneDirectoryShareTheLogsWithoutLockingEachOtherOut() throws Exception {
    List<AuditTrail> trails = List.of(open(), open(), open(), open());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int id = t;
      threads.add(new Thread(() -> {
        for (int i = 0; i < 250; i++) {
          trails.get(id).record(AuditFixtures.encrypt(id % 2 == 0 ? EU : US, MRK, id + "-" + i));
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    for (AuditTrail t : trails) {
      assertTrue(t.flush().ok());
      t.close();
    }
    AuditReport report = verify(dir, AuditFixtures.keys());
    assertTrue(report.intact(), report::toString);
    assertEquals(List.of(500L, 500L), report.regions().stream().map(RegionReport::records).toList());
  }

  @Test
  void keyMaterialCannotBeLogged() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuditEvent.succeeded("Encrypt", EU,
        AuditFixtures.WHO, true, Map.of("plaintext", new byte[16]), null, List.of()));
    assertTrue(e.getMessage().startsWith("requestParameters.plaintext: byte[] is not a loggable JSON value"), e.getMessage());
  }

  @Test
  void theChainKeysAreNeverPrintedAndNeedAFullSecret() {
    assertEquals("ChainKeys[HKDF-SHA-256 per Region, redacted]", AuditFixtures.keys().toString());
    assertThrows(IllegalArgumentException.class, () -> ChainKeys.fromSecret(new byte[31]));
  }

  @Test
  void anAppendWaitsForAnotherSessionOnlyForABoundedTimeAndSaysSo() throws Exception {
    Path file = writeEu(1);
    try (java.nio.channels.FileChannel other = java.nio.channels.FileChannel.open(file,
        java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock held = other.lock()) {
      assertTrue(held.isValid());
      try (AuditTrail t = AuditTrail.open(dir, AuditFixtures.keys(), clock, Duration.ofMillis(200))) {
        t.record(AuditFixtures.encrypt(EU, MRK, "waited"));
        AuditTrail.Health health = t.flush();
        assertEquals(1, health.dropped());
        assertTrue(health.problems().get(0).contains("stayed locked by another audit append for more than 200 ms"),
            health.problems().toString());
      }
    }
    writeEu(1);
    assertEquals(2, verifyEu().records(), "the log is usable again once the other session released it");
  }

  @Test
  void directEventsNeverRecreateAMissingDirectoryNorOutliveTheirKeystore() throws Exception {
    Path keystore = dir.resolve("keys.mrk");
    Files.writeString(keystore, "sealed");
    try (AuditTrail t = AuditTrail.forKeystore(keystore, AuditFixtures.keys(), clock, Duration.ofSeconds(5))) {
      t.record(AuditFixtures.encrypt(EU, MRK, "no directory"));
      AuditTrail.Health missing = t.flush();
      assertEquals(1, missing.dropped());
      assertTrue(missing.problems().get(0).contains("the audit directory is missing"), missing.problems().toString());
      assertFalse(Files.exists(AuditLogFiles.directoryFor(keystore)));
      Files.delete(keystore);
      t.record(AuditFixtures.encrypt(EU, MRK, "keystore gone"));
      assertTrue(t.flush().problems().get(0).contains("is gone"));
    }
  }
}
