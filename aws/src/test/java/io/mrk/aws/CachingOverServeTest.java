package io.mrk.aws;

import static io.mrk.aws.ServeFixture.EU;
import static io.mrk.aws.ServeFixture.US;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mrk.EncryptionContextParameterSpec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data-key cache's limits, counted at the server ({@code mrk serve}'s request counter): messages,
 * bytes while the plaintext size is unknown, age by an injected clock, one Decrypt per cached data key,
 * and one cache per encryption context.
 */
class CachingOverServeTest {

  @TempDir
  Path dir;

  @BeforeAll
  static void install() {
    ServeFixture.installProvider();
    // The descriptor's credentials come from the SDK's default chain, here its system properties.
    System.setProperty("aws.accessKeyId", ServeFixture.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", ServeFixture.SECRET);
  }

  @org.junit.jupiter.api.AfterAll
  static void clear() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
  }

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  static KeyStore typed(ServeFixture f, CacheLimits limits, Clock clock) throws Exception {
    KeyStore ks = KeyStore.getInstance("MRK");
    ks.load(AwsKmsLoadStoreParameter.builder().regions("us-east-1", "eu-west-1")
        .credentials(ServeFixture.CREDENTIALS).endpoint("us-east-1", f.url(US)).endpoint("eu-west-1", f.url(EU))
        .cacheLimits(limits).clock(clock).build());
    return ks;
  }

  @Test
  void tenMessagesWithMaxMessagesThreeCostFourGenerateDataKeyCallsAndFourDecrypts() throws Exception {
    try (ServeFixture f = ServeFixture.start(dir)) {
      f.ordersKey();
      Path descriptor = f.descriptor("keystore.properties", "cache.maxMessages=3");
      KeyStore ks = KeyStore.getInstance("MRK");
      try (InputStream in = Files.newInputStream(descriptor)) {
        ks.load(in, null);
      }
      Key us = ks.getKey("us-east-1/alias/orders", null);
      List<byte[]> messages = new ArrayList<>();
      Cipher reused = Cipher.getInstance("AES/GCM/NoPadding");
      reused.init(Cipher.ENCRYPT_MODE, us);
      for (int i = 0; i < 10; i++) {
        if (i % 2 == 0) {
          Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
          c.init(Cipher.ENCRYPT_MODE, us);
          messages.add(c.doFinal(new byte[] {(byte) i}));
        } else {
          messages.add(reused.doFinal(new byte[] {(byte) i}));
        }
      }
      assertEquals(4, f.calls(US, "GenerateDataKey"));

      Key eu = ks.getKey("eu-west-1/alias/orders", null);
      for (int i = 0; i < 10; i++) {
        Cipher d = Cipher.getInstance("AES/GCM/NoPadding");
        d.init(Cipher.DECRYPT_MODE, eu);
        assertArrayEquals(new byte[] {(byte) i}, d.doFinal(messages.get(i)));
      }
      assertEquals(4, f.calls(EU, "Decrypt"), "one Decrypt per cached data key");
    }
  }

  @Test
  void maxAgeIsMeasuredByTheInjectedClock() throws Exception {
    try (ServeFixture f = ServeFixture.start(dir)) {
      f.ordersKey();
      TestClock clock = new TestClock();
      KeyStore ks = typed(f, CacheLimits.DEFAULT, clock);
      Key us = ks.getKey("us-east-1/alias/orders", null);
      Key eu = ks.getKey("eu-west-1/alias/orders", null);
      byte[] first = DropInOverServeTest.encrypt(us, new byte[0], new byte[] {1});
      DropInOverServeTest.encrypt(us, new byte[0], new byte[] {2});
      DropInOverServeTest.decrypt(eu, new byte[0], first);
      DropInOverServeTest.decrypt(eu, new byte[0], first);
      assertEquals(1, f.calls(US, "GenerateDataKey"));
      assertEquals(1, f.calls(EU, "Decrypt"));

      clock.advance(Duration.ofMinutes(5).minusMillis(1));
      DropInOverServeTest.encrypt(us, new byte[0], new byte[] {3});
      assertEquals(1, f.calls(US, "GenerateDataKey"), "younger than the max age: cached");
      clock.advance(Duration.ofMillis(1));
      DropInOverServeTest.encrypt(us, new byte[0], new byte[] {4});
      DropInOverServeTest.decrypt(eu, new byte[0], first);
      assertEquals(2, f.calls(US, "GenerateDataKey"), "five minutes old: a new data key");
      assertEquals(2, f.calls(EU, "Decrypt"));
    }
  }

  @Test
  void maxBytesHoldsWhileThePlaintextSizeIsUnknown() throws Exception {
    try (ServeFixture f = ServeFixture.start(dir)) {
      f.ordersKey();
      KeyStore ks = typed(f, CacheLimits.DEFAULT.withMaxBytes(100_000), Clock.systemUTC());
      Key us = ks.getKey("us-east-1/alias/orders", null);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, us);
      // 60,000 bytes per message, in updates: the first two messages start below 100,000 bytes, the
      // third does not and takes a new data key; the second overshoots by 20,000 bytes, as documented.
      for (int i = 0; i < 6; i++) {
        for (int j = 0; j < 6; j++) {
          c.update(new byte[10_000]);
        }
        c.doFinal();
      }
      assertEquals(3, f.calls(US, "GenerateDataKey"));
    }
  }

  @Test
  void eachEncryptionContextHasItsOwnDataKeyAndTheHeaderCarriesIt() throws Exception {
    try (ServeFixture f = ServeFixture.start(dir)) {
      f.ordersKey();
      KeyStore ks = typed(f, CacheLimits.DEFAULT, Clock.systemUTC());
      Key us = ks.getKey("us-east-1/alias/orders", null);
      Key eu = ks.getKey("eu-west-1/alias/orders", null);
      Map<String, String> a = Map.of("tenant", "a");
      Map<String, String> b = Map.of("tenant", "b");
      byte[] ca = encrypt(us, a, new byte[] {1});
      encrypt(us, a, new byte[] {2});
      byte[] cb = encrypt(us, b, new byte[] {3});
      assertEquals(2, f.calls(US, "GenerateDataKey"));

      Cipher d = Cipher.getInstance("AES/GCM/NoPadding");
      d.init(Cipher.DECRYPT_MODE, eu);
      assertArrayEquals(new byte[] {1}, d.doFinal(ca), "the context comes from the header");
      d.init(Cipher.DECRYPT_MODE, eu, new EncryptionContextParameterSpec(b));
      assertArrayEquals(new byte[] {3}, d.doFinal(cb));
      d.init(Cipher.DECRYPT_MODE, eu, new EncryptionContextParameterSpec(b));
      org.junit.jupiter.api.Assertions.assertThrows(javax.crypto.AEADBadTagException.class, () -> d.doFinal(ca),
          "a required context that differs is refused");
    }
  }

  private static byte[] encrypt(Key key, Map<String, String> context, byte[] plain) throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, key, new EncryptionContextParameterSpec(context));
    return c.doFinal(plain);
  }
}
