package io.mrk.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.internal.key.KeyMaterial;
import io.mrk.kms.Arn;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EncryptionSessionsTest {

  private static final Arn EU = new Arn("aws", "kms", "eu-west-1", "111122223333", "key",
      "mrk-00000000000000000000000000000001");

  private static KeyMaterial material() {
    return new KeyMaterial(1, new byte[32], "0".repeat(64), Instant.EPOCH, false);
  }

  private static byte[] salt(EncryptionSession s) throws Exception {
    byte[] header = s.header(new byte[12]);
    return CiphertextHeader.parse(header, 0, header.length).salt();
  }

  @Test
  void messagesShareASessionPerMaterialInstanceAndArn() throws Exception {
    EncryptionSessions sessions = EncryptionSessions.shared();
    KeyMaterial m = material();
    EncryptionSession first = sessions.sessionFor(m, EU);
    assertSame(first, sessions.sessionFor(m, EU));
    assertNotSame(first, sessions.sessionFor(m, EU.inRegion("us-east-1")));
    assertNotSame(first, sessions.sessionFor(material(), EU), "equal bytes, other instance");
  }

  @Test
  void aSessionRetiresAfterItsChunkLimitAndTheNextHasAFreshSalt() throws Exception {
    EncryptionSessions sessions = EncryptionSessions.shared();
    KeyMaterial m = material();
    EncryptionSession first = sessions.sessionFor(m, EU);
    for (long i = 0; i < EncryptionSession.CHUNK_LIMIT - 1; i++) {
      first.countChunk();
    }
    assertFalse(first.retired());
    first.countChunk();
    assertTrue(first.retired());
    EncryptionSession next = sessions.sessionFor(m, EU);
    assertNotSame(first, next);
    assertFalse(Arrays.equals(salt(first), salt(next)));
  }
}
