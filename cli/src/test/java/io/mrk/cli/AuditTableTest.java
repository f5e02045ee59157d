package io.mrk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mrk.audit.AuditRecord;
import io.mrk.kms.Region;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditTableTest {

  private static AuditRecord record(String region, long sequence, String event, String principal, List<String> keys,
                                    String error) {
    return new AuditRecord(new Region(region), sequence, Instant.parse("2026-11-29T04:00:0" + sequence + "Z"), event,
        principal, keys, error, UUID.randomUUID(), "00", "11", "{}");
  }

  @Test
  void oneAlignedRowPerRecordUnderTheHeader() {
    String table = AuditTable.render(List.of(
        record("ap-southeast-2", 4, "Decrypt", "arn:aws:iam::111122223333:root", List.of("k1"), "AccessDeniedException"),
        record("eu-west-1", 5, "Encrypt", "AWSService", List.of(), null)));
    assertEquals(List.of(
        "TIME                  REGION          EVENT    PRINCIPAL                       KEY  RESULT",
        "2026-11-29T04:00:04Z  ap-southeast-2  Decrypt  arn:aws:iam::111122223333:root  k1   AccessDeniedException",
        "2026-11-29T04:00:05Z  eu-west-1       Encrypt  AWSService                      -    OK"),
        table.lines().toList());
  }

  @Test
  void controlCharactersFromCallersNeverReachTheTerminal() {
    String table = AuditTable.render(List.of(
        record("eu-west-1", 1, "Enc\u001b[2Jrypt", "arn:aws:iam::111122223333:role/a\u0007", List.of("k\n"), null)));
    String row = table.lines().toList().get(1);
    assertEquals("2026-11-29T04:00:01Z  eu-west-1  Enc?[2Jrypt  arn:aws:iam::111122223333:role/a?  k?   OK", row);
  }
}
