package io.mrk.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.KeystoreSession;
import io.mrk.MrkKeystore;
import io.mrk.MrkProvider;
import io.mrk.internal.key.KeyHandles;
import io.mrk.internal.key.SessionCaches;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.Region;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.crypto.Cipher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cipher's derived secrets belong to the keystore session whose key made them: two sessions of
 * one file in one JVM never share a cache entry, and closing a session drops its entries (and keeps
 * none after) while the other session's stay.
 */
class SessionCachesTest {

  private static final Region US = new Region("us-east-1");
  private static final char[] PASSWORD = "caches".toCharArray();
  private static final byte[] PLAINTEXT = "per-session".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  @AfterEach
  void awaitTheAuditAppenders() throws Exception {
    io.mrk.testing.AuditAppenders.awaitIdle();
  }

  @Test
  void twoSessionsOfOneFileKeepSeparateCachesAndCloseDropsOnlyItsOwn() throws Exception {
    Path file = dir.resolve("keys.mrk");
    MrkKeystore keystores = MrkKeystore.withDefaults().withKdf("argon2id:m=64,t=1,p=1")
        .withRefreshInterval(Duration.ZERO);
    String keyId = keystores.update(file, PASSWORD,
        r -> r.client(US).createKey(CreateKeyRequest.multiRegionKey("caches")).keyId().value());
    try (KeystoreSession a = keystores.open(file, PASSWORD); KeystoreSession b = keystores.open(file, PASSWORD)) {
      byte[] fromA = roundTrip(a.registry(), keyId);
      byte[] fromB = roundTrip(b.registry(), keyId);
      SessionCaches cachesA = caches(a.registry(), keyId);
      SessionCaches cachesB = caches(b.registry(), keyId);
      assertNotSame(cachesA, cachesB);
      assertNotSame(cachesA.get(EncryptionSessions.SLOT), cachesB.get(EncryptionSessions.SLOT));
      assertEquals(1, cachesA.get(EncryptionSessions.SLOT).size());
      assertEquals(1, cachesB.get(EncryptionSessions.SLOT).size());
      assertEquals(1, cachesA.get(DecryptionKeys.SLOT).size());
      assertEquals(1, cachesB.get(DecryptionKeys.SLOT).size());
      // Each session decrypts what the other made, deriving its own data key for it.
      assertArrayEquals(PLAINTEXT, decrypt(a.registry(), keyId, fromB));
      assertArrayEquals(PLAINTEXT, decrypt(b.registry(), keyId, fromA));
      assertEquals(2, cachesA.get(DecryptionKeys.SLOT).size());

      EncryptionSessions sessionsA = cachesA.get(EncryptionSessions.SLOT);
      DecryptionKeys keysA = cachesA.get(DecryptionKeys.SLOT);
      a.close();
      assertTrue(cachesA.isClosed());
      assertEquals(0, sessionsA.size());
      assertEquals(0, keysA.size());
      assertFalse(cachesB.isClosed());
      assertEquals(1, cachesB.get(EncryptionSessions.SLOT).size());

      // The closed session's registry keeps its last state and still works, caching nothing.
      byte[] after = roundTrip(a.registry(), keyId);
      assertArrayEquals(PLAINTEXT, decrypt(b.registry(), keyId, after));
      assertEquals(0, sessionsA.size());
      assertEquals(0, keysA.size());
      assertEquals(0, cachesA.get(EncryptionSessions.SLOT).size());
    }
  }

  @Test
  void twoInMemoryRegistriesWithTheSameKeyNeverShareASession() throws Exception {
    KeyRegistry one = io.mrk.KeyRegistries.builder().build();
    KeyRegistry two = io.mrk.KeyRegistries.builder().build();
    String k1 = one.client(US).createKey(CreateKeyRequest.multiRegionKey("one")).keyId().value();
    String k2 = two.client(US).createKey(CreateKeyRequest.multiRegionKey("two")).keyId().value();
    roundTrip(one, k1);
    roundTrip(two, k2);
    assertNotSame(caches(one, k1), caches(two, k2));
    assertEquals(1, caches(one, k1).get(EncryptionSessions.SLOT).size());
    assertEquals(1, caches(two, k2).get(EncryptionSessions.SLOT).size());
  }

  private static SessionCaches caches(KeyRegistry registry, String keyId) throws Exception {
    return KeyHandles.source(registry.client(US).keyHandle(keyId), io.mrk.internal.key.TestSecrets.access()).caches();
  }

  private static byte[] roundTrip(KeyRegistry registry, String keyId) throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
    c.init(Cipher.ENCRYPT_MODE, (java.security.Key) registry.client(US).keyHandle(keyId));
    byte[] ciphertext = c.doFinal(PLAINTEXT);
    assertArrayEquals(PLAINTEXT, decrypt(registry, keyId, ciphertext));
    return ciphertext;
  }

  private static byte[] decrypt(KeyRegistry registry, String keyId, byte[] ciphertext) throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
    c.init(Cipher.DECRYPT_MODE, (java.security.Key) registry.client(US).keyHandle(keyId));
    return c.doFinal(ciphertext);
  }
}
