package io.mrk.internal.audit;

import static io.mrk.internal.audit.AuditFixtures.AP;
import static io.mrk.internal.audit.AuditFixtures.EU;
import static io.mrk.internal.audit.AuditFixtures.MRK;
import static io.mrk.internal.audit.AuditFixtures.OTHER_KEY;
import static io.mrk.internal.audit.AuditFixtures.US;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.audit.AuditFilter;
import io.mrk.audit.AuditLogException;
import io.mrk.audit.AuditRecord;
import io.mrk.audit.ChainProblem;
import io.mrk.kms.Region;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditMergeTest {

  static final Instant T0 = Instant.parse("2026-11-29T04:00:00Z");

  @TempDir
  Path dir;

  /**
   * Writes, one second apart: CreateKey(EU), ReplicateKey(EU) + CreateKey(US), Encrypt(US),
   * Decrypt denied(AP, another key), SynchronizeMultiRegionKey(US), then two events at the same
   * instant in AP and EU (a tie broken by Region).
   */
  @BeforeEach
  void writeThreeRegions() throws Exception {
    StepClock clock = new StepClock(T0, Duration.ofSeconds(1));
    try (AuditTrail w = AuditTrail.open(dir, AuditFixtures.keys(), clock, Duration.ofSeconds(5))) {
      w.record(AuditFixtures.createKey(EU, MRK));
      w.record(AuditEvent.succeeded("ReplicateKey", EU, AuditFixtures.WHO, false,
          Map.of("keyId", MRK.value(), "replicaRegion", "us-east-1"), null, List.of(AuditFixtures.arn(EU, MRK))));
      w.record(AuditFixtures.createKey(US, MRK));
      w.record(AuditFixtures.encrypt(US, MRK, "a"));
      w.record(AuditFixtures.deniedDecrypt(AP, OTHER_KEY));
      w.record(AuditFixtures.synchronize(US, MRK));
      w.flush();
      clock.set(T0.plusSeconds(60));
      w.record(AuditFixtures.encrypt(EU, MRK, "tie"));
      clock.set(T0.plusSeconds(60));
      w.record(AuditFixtures.encrypt(AP, OTHER_KEY, "tie"));
    }
  }

  static List<String> summary(List<AuditRecord> records) {
    return records.stream().map(r -> r.region() + " " + r.eventName() + " " + r.sequence()).toList();
  }

  @Test
  void theMergedViewIsChronologicalAndComplete() throws Exception {
    List<AuditRecord> all = AuditMerger.merge(dir, AuditFilter.ALL);
    assertEquals(List.of(
        "eu-west-1 CreateKey 1",
        "eu-west-1 ReplicateKey 2",
        "us-east-1 CreateKey 1",
        "us-east-1 Encrypt 2",
        "ap-southeast-2 Decrypt 1",
        "us-east-1 SynchronizeMultiRegionKey 3",
        "ap-southeast-2 Encrypt 2",
        "eu-west-1 Encrypt 3"), summary(all));
    for (int i = 1; i < all.size(); i++) {
      assertTrue(AuditMerger.CHRONOLOGICAL.compare(all.get(i - 1), all.get(i)) < 0);
    }
  }

  @Test
  void filtersByRegionTimeKeyAndEventName() throws Exception {
    assertEquals(List.of("us-east-1 CreateKey 1", "us-east-1 Encrypt 2", "us-east-1 SynchronizeMultiRegionKey 3"),
        summary(AuditMerger.merge(dir, new AuditFilter(Set.of(US), null, null, null))));
    assertEquals(List.of("us-east-1 SynchronizeMultiRegionKey 3", "ap-southeast-2 Encrypt 2", "eu-west-1 Encrypt 3"),
        summary(AuditMerger.merge(dir, new AuditFilter(null, T0.plusSeconds(5), null, null))));
    assertEquals(List.of("ap-southeast-2 Decrypt 1", "ap-southeast-2 Encrypt 2"),
        summary(AuditMerger.merge(dir, new AuditFilter(null, null, OTHER_KEY.value(), null))));
    assertEquals(List.of("us-east-1 Encrypt 2", "ap-southeast-2 Encrypt 2", "eu-west-1 Encrypt 3"),
        summary(AuditMerger.merge(dir, new AuditFilter(null, null, null, Set.of("Encrypt")))));
  }

  @Test
  void aKeyFilterMatchesTheRelatedKeysOfEveryRegion() throws Exception {
    List<String> expected = List.of("eu-west-1 CreateKey 1", "eu-west-1 ReplicateKey 2", "us-east-1 CreateKey 1",
        "us-east-1 Encrypt 2", "us-east-1 SynchronizeMultiRegionKey 3", "eu-west-1 Encrypt 3");
    assertEquals(expected, summary(AuditMerger.merge(dir, new AuditFilter(null, null, MRK.value(), null))));
    String arnInAnotherRegion = AuditFixtures.arn(new Region("sa-east-1"), MRK).toString();
    assertEquals(expected, summary(AuditMerger.merge(dir, new AuditFilter(null, null, arnInAnotherRegion, null))));
  }

  @Test
  void recordsKeepTheirStoredLinesInMergedOrder() throws Exception {
    List<AuditRecord> us = AuditMerger.merge(dir, new AuditFilter(Set.of(US), null, null, null));
    assertEquals(Files.readString(AuditLogFiles.fileFor(dir, US), StandardCharsets.UTF_8),
        us.stream().map(r -> r.line() + "\n").collect(java.util.stream.Collectors.joining()));
  }

  @Test
  void aDamagedLineStopsTheMergeWithItsPosition() throws Exception {
    Path us = AuditLogFiles.fileFor(dir, US);
    Files.writeString(us, "{\"half\":", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    AuditLogException e = assertThrows(AuditLogException.class, () -> AuditMerger.merge(dir, AuditFilter.ALL));
    assertEquals(us, e.chainBreak().file());
    assertEquals(4, e.chainBreak().lineNumber());
    assertEquals(ChainProblem.TRUNCATED_LINE, e.chainBreak().problem());
  }
}
