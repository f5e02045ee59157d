package io.mrk.aws;

import static io.mrk.aws.ServeFixture.EU;
import static io.mrk.aws.ServeFixture.US;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Threads sharing one keystore's handle and data-key cache: no data key ever serves more than
 * {@code maxMessages} messages (each message's EDK, read from its header, is counted), every
 * GenerateDataKey the server answered is a data key some message used, and everything decrypts in
 * the other Region.
 */
class ConcurrentCachingTest {

  @TempDir
  Path dir;

  @BeforeAll
  static void install() {
    ServeFixture.installProvider();
  }

  /** The hex of the first EDK's blob in a suite 2 header (spec/ciphertext-suite-2.md, section 1). */
  static String edkOf(byte[] ct) {
    ByteBuffer h = ByteBuffer.wrap(ct);
    h.position(5 + (h.getShort(3) & 0xffff) + 2);
    for (int field = 0; field < 2; field++) {
      int n = h.getShort() & 0xffff;
      h.position(h.position() + n);
    }
    byte[] blob = new byte[h.getShort() & 0xffff];
    h.get(blob);
    return HexFormat.of().formatHex(blob);
  }

  @Test
  void noDataKeyServesMoreThanMaxMessagesUnderConcurrency() throws Exception {
    try (ServeFixture f = ServeFixture.start(dir)) {
      f.ordersKey();
      KeyStore ks = CachingOverServeTest.typed(f, CacheLimits.DEFAULT.withMaxMessages(5), Clock.systemUTC());
      Key us = ks.getKey("us-east-1/alias/orders", null);
      int threads = 4;
      int perThread = 25;
      Map<String, AtomicInteger> uses = new ConcurrentHashMap<>();
      List<byte[]> all = java.util.Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        done.add(pool.submit(() -> {
          Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
          c.init(Cipher.ENCRYPT_MODE, us);
          for (int i = 0; i < perThread; i++) {
            byte[] ct = c.doFinal(new byte[] {(byte) id, (byte) i});
            uses.computeIfAbsent(edkOf(ct), k -> new AtomicInteger()).incrementAndGet();
            all.add(ct);
          }
          return null;
        }));
      }
      for (Future<?> d : done) {
        d.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      assertEquals(threads * perThread, all.size());
      uses.forEach((edk, n) -> assertTrue(n.get() <= 5, "a data key served " + n.get() + " messages"));
      assertEquals(uses.size(), f.calls(US, "GenerateDataKey"), "every data key KMS made was used");
      assertTrue(uses.size() >= threads * perThread / 5);

      Key eu = ks.getKey("eu-west-1/alias/orders", null);
      Cipher d = Cipher.getInstance("AES/GCM/NoPadding");
      for (byte[] ct : all) {
        d.init(Cipher.DECRYPT_MODE, eu);
        assertEquals(2, d.doFinal(ct).length);
      }
      assertEquals(uses.size(), f.calls(EU, "Decrypt"), "one Decrypt per data key");
    }
  }
}
