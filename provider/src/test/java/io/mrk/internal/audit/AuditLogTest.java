package io.mrk.internal.audit;

import static io.mrk.internal.audit.AuditFixtures.EU;
import static io.mrk.internal.audit.AuditFixtures.MRK;
import static io.mrk.internal.audit.AuditFixtures.US;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.internal.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

  static final Instant T0 = Instant.parse("2026-11-29T04:00:00Z");

  @TempDir
  Path dir;

  StepClock clock = new StepClock(T0, Duration.ofMillis(1500));

  AuditWriter start() throws Exception {
    return AuditWriter.start(dir, AuditFixtures.chainKey(), clock, 1000);
  }

  /** Writes {@code n} Encrypt events to the EU log and returns its path. */
  Path writeEu(int n) throws Exception {
    try (AuditWriter w = start()) {
      for (int i = 0; i < n; i++) {
        assertTrue(w.append(AuditFixtures.encrypt(EU, MRK, "t" + i)));
      }
    }
    return AuditLogFiles.fileFor(dir, EU);
  }

  AuditVerifier.FileResult verifyEu() throws IOException {
    AuditVerifier.Report report = AuditVerifier.verify(dir, AuditFixtures.chainKey());
    return report.files().stream().filter(f -> f.region().equals(EU)).findFirst().orElseThrow();
  }

  static List<String> lines(Path file) throws IOException {
    return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  static void writeLines(Path file, List<String> lines) throws IOException {
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  @Test
  @SuppressWarnings("unchecked")
  void eventsOfSeveralKindsAreWrittenInCloudTrailShapeAndVerify() throws Exception {
    try (AuditWriter w = start()) {
      w.append(AuditFixtures.createKey(EU, MRK));
      w.append(AuditFixtures.encrypt(EU, MRK, "alpha"));
      w.append(AuditFixtures.deniedDecrypt(EU, MRK));
      w.append(AuditFixtures.synchronize(US, MRK));
    }
    List<String> eu = lines(AuditLogFiles.fileFor(dir, EU));
    assertEquals(3, eu.size());
    Map<String, Object> create = (Map<String, Object>) Json.parse(eu.get(0));
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

    Map<String, Object> encrypt = (Map<String, Object>) Json.parse(eu.get(1));
    assertEquals("2026-11-29T04:00:01.500Z", encrypt.get("eventTime"));
    assertEquals(Map.of("tenant", "alpha"), ((Map<String, Object>) encrypt.get("requestParameters")).get("encryptionContext"));
    assertNull(encrypt.get("responseElements"));
    assertFalse(encrypt.containsKey("errorCode"));

    Map<String, Object> denied = (Map<String, Object>) Json.parse(eu.get(2));
    assertEquals("AccessDeniedException", denied.get("errorCode"));
    assertTrue(((String) denied.get("errorMessage")).startsWith("User: "));

    Map<String, Object> sync = (Map<String, Object>) Json.parse(lines(AuditLogFiles.fileFor(dir, US)).get(0));
    assertEquals("AwsServiceEvent", sync.get("eventType"));
    assertEquals("us-east-1", sync.get("awsRegion"));
    assertEquals(Map.of("type", "AWSService", "invokedBy", "kms.amazonaws.com"), sync.get("userIdentity"));

    AuditVerifier.Report report = AuditVerifier.verify(dir, AuditFixtures.chainKey());
    assertTrue(report.intact(), report::toString);
    assertEquals(List.of(EU, US), report.files().stream().map(AuditVerifier.FileResult::region).toList());
    assertEquals(3, report.files().get(0).records());
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
    assertEquals(3L, b.sequence());
    assertEquals(2, verifyEu().records());
  }

  @Test
  void aDeletedLineIsASequenceGap() throws Exception {
    Path file = writeEu(5);
    List<String> lines = lines(file);
    lines.remove(2);
    writeLines(file, lines);
    ChainBreak b = verifyEu().firstBreak();
    assertEquals(ChainProblem.SEQUENCE_GAP, b.problem());
    assertEquals(3, b.lineNumber());
    assertEquals(4L, b.sequence());
    assertTrue(b.detail().contains("expected sequence 3, found 4 (records missing)"), b.detail());
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
    assertEquals(ChainProblem.SEQUENCE_GAP, b.problem());
    assertEquals(2, b.lineNumber());
    assertEquals(3L, b.sequence());
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
  void garbageAndHalfRecordsAreNamed() throws Exception {
    Path file = writeEu(2);
    List<String> lines = lines(file);
    lines.add(1, "{not json");
    writeLines(file, lines);
    assertEquals(ChainProblem.UNPARSABLE_JSON, verifyEu().firstBreak().problem());
    lines.set(1, "{\"eventName\":\"Encrypt\"}");
    writeLines(file, lines);
    ChainBreak b = verifyEu().firstBreak();
    assertEquals(ChainProblem.MALFORMED_RECORD, b.problem());
    assertEquals(2, b.lineNumber());
  }

  @Test
  void anotherChainKeyFailsAtTheFirstLine() throws Exception {
    writeEu(2);
    AuditVerifier.Report report = AuditVerifier.verify(dir, AuditFixtures.chainKey((byte) 7));
    ChainBreak b = report.files().get(0).firstBreak();
    assertEquals(ChainProblem.BAD_HMAC, b.problem());
    assertEquals(1, b.lineNumber());
  }

  @Test
  void aLogCopiedUnderAnotherRegionsNameIsRefused() throws Exception {
    Path file = writeEu(2);
    Files.copy(file, AuditLogFiles.fileFor(dir, US));
    AuditVerifier.Report report = AuditVerifier.verify(dir, AuditFixtures.chainKey());
    AuditVerifier.FileResult us = report.files().stream().filter(f -> f.region().equals(US)).findFirst().orElseThrow();
    assertEquals(ChainProblem.WRONG_REGION, us.firstBreak().problem());
    assertEquals(1, us.firstBreak().lineNumber());
    assertFalse(report.intact());
  }

  @Test
  void aFirstRecordNotLinkedToTheGenesisIsReported() throws Exception {
    javax.crypto.Mac mac = AuditFixtures.chainKey().newMac();
    byte[] notGenesis = AuditChain.genesis(US);
    String unsigned = AuditEventCodec.unsignedLine(AuditFixtures.encrypt(EU, MRK, "x"), T0, UUID.randomUUID(), 1, notGenesis);
    Files.createDirectories(dir);
    writeLines(AuditLogFiles.fileFor(dir, EU), List.of(AuditChain.sign(unsigned, AuditChain.link(mac, notGenesis, unsigned))));
    assertEquals(ChainProblem.WRONG_GENESIS, verifyEu().firstBreak().problem());
  }

  @Test
  void aRestartResumesTheChain() throws Exception {
    writeEu(3);
    writeEu(2);
    AuditVerifier.FileResult eu = verifyEu();
    assertTrue(eu.intact(), () -> String.valueOf(eu.firstBreak()));
    assertEquals(5, eu.records());
  }

  @Test
  void aRestartRefusesToExtendABrokenTail() throws Exception {
    Path file = writeEu(3);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 1));
    AuditLogException e = assertThrows(AuditLogException.class, this::start);
    assertEquals(ChainProblem.TRUNCATED_LINE, e.chainBreak().problem());
    assertEquals(3, e.chainBreak().lineNumber());

    List<String> lines = lines(file);
    lines.set(2, lines.get(2).replace("\"t2\"", "\"tX\""));
    writeLines(file, lines);
    AuditLogException tampered = assertThrows(AuditLogException.class, this::start);
    assertEquals(ChainProblem.BAD_HMAC, tampered.chainBreak().problem());
    assertEquals(3L, tampered.chainBreak().sequence());
  }

  @Test
  @SuppressWarnings("unchecked")
  void eventsDroppedOnAFullQueueAreRecordedInTheChain() throws Exception {
    AuditWriter w = new AuditWriter(dir, AuditFixtures.chainKey(), clock, 2);
    w.resumeAll();
    List<Boolean> accepted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      accepted.add(w.append(AuditFixtures.encrypt(EU, MRK, "t" + i)));
    }
    assertEquals(List.of(true, true, false, false, false), accepted);
    assertEquals(3, w.droppedEvents());
    w.startThread();
    w.close();
    List<String> lines = lines(AuditLogFiles.fileFor(dir, EU));
    assertEquals(3, lines.size());
    Map<String, Object> notice = (Map<String, Object>) Json.parse(lines.get(0));
    assertEquals(AuditWriter.DROPPED_EVENT, notice.get("eventName"));
    assertEquals(new java.math.BigDecimal(3), ((Map<String, Object>) notice.get("additionalEventData")).get("droppedEvents"));
    assertTrue(verifyEu().intact());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aFailedWriteIsCountedAndRecordedOnceTheDiskWorksAgain() throws Exception {
    Path blocked = AuditLogFiles.fileFor(dir, EU);
    Files.createDirectories(blocked);
    try (AuditWriter w = start()) {
      assertTrue(w.append(AuditFixtures.encrypt(EU, MRK, "lost")));
      w.flush();
      assertEquals(1, w.droppedEvents());
      Files.delete(blocked);
      w.append(AuditFixtures.encrypt(EU, MRK, "kept"));
      w.flush();
    }
    List<String> lines = lines(blocked);
    assertEquals(2, lines.size());
    Map<String, Object> notice = (Map<String, Object>) Json.parse(lines.get(0));
    assertEquals(AuditWriter.DROPPED_EVENT, notice.get("eventName"));
    assertEquals(new java.math.BigDecimal(1), ((Map<String, Object>) notice.get("additionalEventData")).get("droppedEvents"));
    assertTrue(lines.get(1).contains("\"kept\""));
    assertTrue(verifyEu().intact());
  }

  @Test
  void closeWritesEverythingAcceptedAndLaterAppendsAreRefused() throws Exception {
    AuditWriter w = start();
    for (int i = 0; i < 600; i++) {
      assertTrue(w.append(AuditFixtures.encrypt(i % 2 == 0 ? EU : US, MRK, "t" + i)));
    }
    w.close();
    assertFalse(w.append(AuditFixtures.encrypt(EU, MRK, "late")));
    w.close();
    assertEquals(300, lines(AuditLogFiles.fileFor(dir, EU)).size());
    assertEquals(300, lines(AuditLogFiles.fileFor(dir, US)).size());
    assertTrue(AuditVerifier.verify(dir, AuditFixtures.chainKey()).intact());
  }

  @Test
  void concurrentAppendsFormOneValidChainPerRegion() throws Exception {
    try (AuditWriter w = AuditWriter.start(dir, AuditFixtures.chainKey(), clock, 4096)) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int id = t;
        threads.add(new Thread(() -> {
          for (int i = 0; i < 250; i++) {
            w.append(AuditFixtures.encrypt(id % 2 == 0 ? EU : US, MRK, id + "-" + i));
          }
        }));
      }
      threads.forEach(Thread::start);
      for (Thread thread : threads) {
        thread.join();
      }
      assertEquals(0, w.droppedEvents());
    }
    AuditVerifier.Report report = AuditVerifier.verify(dir, AuditFixtures.chainKey());
    assertTrue(report.intact());
    assertEquals(List.of(500L, 500L), report.files().stream().map(AuditVerifier.FileResult::records).toList());
  }

  @Test
  void aSecondWriterOnTheSameLogsIsRefused() throws Exception {
    writeEu(1);
    try (AuditWriter first = start()) {
      IOException e = assertThrows(IOException.class, this::start);
      assertTrue(e.getMessage().endsWith("is in use by another audit writer"), e.getMessage());
      assertTrue(first.append(AuditFixtures.encrypt(EU, MRK, "still")));
    }
    assertEquals(2, verifyEu().records());
  }

  @Test
  void keyMaterialCannotBeLogged() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AuditEvent.succeeded("Encrypt", EU,
        AuditFixtures.WHO, true, Map.of("plaintext", new byte[16]), null, List.of()));
    assertTrue(e.getMessage().startsWith("requestParameters.plaintext: byte[] is not a loggable JSON value"), e.getMessage());
  }

  @Test
  void theChainKeyIsNeverPrintedAndMustBeLongEnough() {
    assertEquals("ChainKey[HMAC-SHA-256, redacted]", AuditFixtures.chainKey().toString());
    assertThrows(IllegalArgumentException.class, () -> new ChainKey(new byte[31]));
  }
}
