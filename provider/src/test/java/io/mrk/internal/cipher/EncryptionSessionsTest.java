package io.mrk.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.internal.key.KeyMaterial;
import io.mrk.kms.Arn;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncryptionSessionsTest {

  private static final Arn EU = new Arn("aws", "kms", "eu-west-1", "111122223333", "key",
      "mrk-00000000000000000000000000000001");

  private static KeyMaterial material() {
    return new KeyMaterial(1, new byte[32], "0".repeat(64), Instant.EPOCH, false);
  }

  private static byte[] salt(EncryptionSession s) throws Exception {
    byte[] header = new byte[s.headerLength()];
    s.writeHeader(new byte[12], header, 0);
    return CiphertextHeader.parse(header, 0, header.length).salt();
  }

  @Test
  void messagesShareASessionPerMaterialInstanceAndArn() throws Exception {
    EncryptionSessions sessions = new EncryptionSessions();
    KeyMaterial m = material();
    EncryptionSession first = sessions.sessionFor(m, EU);
    assertSame(first, sessions.sessionFor(m, EU));
    assertNotSame(first, sessions.sessionFor(m, EU.inRegion("us-east-1")));
    assertNotSame(first, sessions.sessionFor(material(), EU), "equal bytes, other instance");
  }

  @Test
  void aSessionTakesNoNewMessageOnceOnlyItsHeadroomIsLeftAndTheNextHasAFreshSalt() throws Exception {
    EncryptionSessions sessions = new EncryptionSessions();
    KeyMaterial m = material();
    EncryptionSession first = sessions.sessionFor(m, EU);
    long untilHeadroom = EncryptionSession.CHUNK_LIMIT - EncryptionSession.HEADROOM;
    for (long i = 0; i < untilHeadroom; i++) {
      assertTrue(first.reserveChunk());
    }
    assertTrue(first.acceptsNewMessage());
    assertTrue(first.reserveChunk());
    assertFalse(first.acceptsNewMessage());
    EncryptionSession next = sessions.sessionFor(m, EU);
    assertNotSame(first, next);
    assertFalse(Arrays.equals(salt(first), salt(next)));
  }

  @Test
  void theBudgetIsNeverExceededByConcurrentReservations() throws Exception {
    EncryptionSession s = EncryptionSessions.newSession(material(), EU, new byte[32], 16);
    EncryptionSession small = new EncryptionSession(16, s.key(), new byte[0], 1_000, 100);
    AtomicLong granted = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> {
          for (int i = 0; i < 500; i++) {
            if (small.reserveChunk()) {
              granted.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(1_000, granted.get(), "exactly the budget, never more");
    assertFalse(small.reserveChunk());
    assertThrows(java.security.InvalidKeyException.class,
        () -> EncryptionSessions.newSession(new KeyMaterial(1, new byte[32], "not hex", Instant.EPOCH, false),
            EU, new byte[32], 16));
  }
}
