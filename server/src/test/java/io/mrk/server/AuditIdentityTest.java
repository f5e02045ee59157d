package io.mrk.server;

import static io.mrk.server.ServerFixture.US_EAST_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.MrkKeystore;
import io.mrk.audit.AuditFilter;
import io.mrk.audit.AuditRecord;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The caller of a signed request is in the audit trail as CloudTrail names it: the principal the
 * access key maps to, and the access key id itself ({@code userIdentity.accessKeyId}), for writes
 * (sealed with the commit) and for key bindings of crypto calls alike.
 */
class AuditIdentityTest {

  @TempDir
  Path dir;

  @Test
  void everyEventOfASignedRequestNamesItsAccessKey() throws Exception {
    Path file = dir.resolve("keystore.mrk");
    try (ServerFixture f = ServerFixture.serve(file, US_EAST_1);
         KmsClient us = SdkClients.admin(f, US_EAST_1)) {
      String key = us.createKey(r -> r.multiRegion(true)).keyMetadata().arn();
      us.encrypt(r -> r.keyId(key).plaintext(SdkBytes.fromUtf8String("who asked")));
      assertEquals(List.of(), MrkKeystore.flushAudit(f.backend.current()), "every event was written");
    }
    List<AuditRecord> records = MrkKeystore.auditTrail(file).read(AuditFilter.ALL);
    List<AuditRecord> calls = records.stream()
        .filter(r -> r.eventName().equals("CreateKey") || r.eventName().equals("Encrypt")).toList();
    assertEquals(2, calls.size(), records.toString());
    for (AuditRecord r : calls) {
      assertEquals(ServerFixture.ROOT, r.principal());
      assertTrue(r.line().contains("\"accessKeyId\":\"" + ServerFixture.ADMIN_KEY + "\""), r.line());
    }
    assertFalse(records.stream().anyMatch(r -> r.line().contains(ServerFixture.ADMIN_SECRET)),
        "the secret access key is never logged");
  }
}
