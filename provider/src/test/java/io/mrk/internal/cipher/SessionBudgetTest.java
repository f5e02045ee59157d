package io.mrk.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.MrkKey;
import io.mrk.internal.key.KeyHandles;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, problem 4: on format 1 the budget was checked only when a message started, and 8
 * concurrent 256-chunk messages took a session 2,047 chunks past it. Now every chunk reserves its
 * slot, so concurrent messages never seal more chunks than the budget.
 */
class SessionBudgetTest {

  private static final int CHUNK = 256;
  private static final int CHUNKS_PER_MESSAGE = 256;
  private static final long LIMIT = 1_500;

  @Test
  void concurrentMessagesNeverSealMoreChunksThanTheBudget() throws Exception {
    FakeKeys keys = FakeKeys.multiRegion(12, "eu-west-1");
    MrkKey eu = keys.handle("eu-west-1");
    byte[] salt = new byte[DataKeyDerivation.SALT_BYTES];
    EncryptionSession template = EncryptionSessions.newSession(keys.material(1), KeyHandles.arn(eu), salt, 8);
    EncryptionSession shared = new EncryptionSession(8, template.key(),
        EncryptionSessions.boundPrefix(keys.material(1), KeyHandles.arn(eu), salt, 8), LIMIT, 0);
    int threads = 8;
    AtomicLong sealedChunks = new AtomicLong();
    AtomicLong stopped = new AtomicLong();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          MrkAesGcmCipherSpi spi = TestCiphers.spi((m, arn) -> shared);
          spi.engineInit(Cipher.ENCRYPT_MODE, eu, null);
          go.await();
          // One chunk per update: an update seals at most the chunk it held back, so a refused
          // reservation loses no count (what was sealed before it was returned).
          byte[] piece = new byte[CHUNK];
          long out = 0;
          try {
            for (int i = 0; i < CHUNKS_PER_MESSAGE; i++) {
              out += spi.engineUpdate(piece, 0, piece.length).length;
            }
            out += spi.engineDoFinal(new byte[0], 0, 0).length;
          } catch (IllegalStateException e) {
            assertTrue(e.getMessage().contains("budget"), e.getMessage());
            stopped.incrementAndGet();
          }
          if (out > 0) {
            sealedChunks.addAndGet((out - shared.headerLength()) / (CHUNK + AesGcmCore.TAG_BYTES));
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertTrue(sealedChunks.get() <= LIMIT, sealedChunks.get() + " chunks sealed under a budget of " + LIMIT);
    assertTrue(stopped.get() >= threads - (int) (LIMIT / CHUNKS_PER_MESSAGE), stopped.get() + " messages stopped");
    assertEquals(LIMIT, Math.min(shared.reserved(), LIMIT));
  }
}
