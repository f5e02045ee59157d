package io.mrk.internal.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.MrkKey;
import io.mrk.MrkKeystore;
import io.mrk.MrkLoadStoreParameter;
import io.mrk.MrkProvider;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KeyState;
import io.mrk.kms.Region;
import io.mrk.kms.ReplicateKeyRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KeyStore.store is a compare-and-swap: it never loses another writer's change. */
class KeyStoreStoreRaceTest {

  private static final char[] PASSWORD = "race password".toCharArray();
  private static final Region EAST = new Region("us-east-1");
  private static final Region WEST = new Region("eu-west-1");

  @TempDir
  Path dir;
  private Path file;
  private String first;
  private MrkKeystore keystores;

  @BeforeEach
  void createKeystore() throws Exception {
    keystores = MrkKeystore.withDefaults().withKdf(MrkKeyStoreSpiTest.TEST_KDF);
    file = dir.resolve("keys.mrk");
    first = keystores.update(file, PASSWORD, r -> {
      String id = r.client(EAST).createKey(CreateKeyRequest.multiRegionKey("first")).keyId().value();
      r.client(EAST).replicateKey(id, WEST, ReplicateKeyRequest.DEFAULTS);
      return id;
    });
  }

  /** Registries read by a test: their audit trails append in the background, so they are flushed before the directory goes. */
  private final java.util.List<KeyRegistry> read = new java.util.ArrayList<>();

  private KeyRegistry read() throws Exception {
    KeyRegistry r = keystores.load(file, PASSWORD);
    read.add(r);
    return r;
  }

  @org.junit.jupiter.api.AfterEach
  void flushTheAuditOfWhatWasRead() throws Exception {
    for (KeyRegistry r : read) {
      MrkKeystore.flushAudit(r);
    }
    io.mrk.testing.AuditAppenders.awaitIdle();
  }

  private KeyStore load() throws Exception {
    KeyStore ks = KeyStore.getInstance("MRK", new MrkProvider());
    ks.load(MrkLoadStoreParameter.of(file, PASSWORD).withRefreshInterval(Duration.ZERO));
    return ks;
  }

  @Test
  void storeKeepsAKeyAnotherWriterCreatedMeanwhile() throws Exception {
    KeyStore ks = load();
    ks.setKeyEntry("us-east-1/alias/orders", ks.getKey("us-east-1/" + first, null), null, null);
    String second = keystores.update(file, PASSWORD,
        r -> r.client(EAST).createKey(CreateKeyRequest.singleRegionKey("created meanwhile")).keyId().value());
    ks.store(MrkLoadStoreParameter.of(file, PASSWORD));

    KeyRegistry after = read();
    assertEquals(2, after.client(EAST).listKeys().size(), "the other writer's key and its material survive");
    assertEquals(first, after.client(EAST).listAliases(null).get(0).targetKeyId().value());
    assertTrue(Collections.list(ks.aliases()).contains("us-east-1/" + second), "the store lists it too");
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
    c.init(Cipher.ENCRYPT_MODE, ks.getKey("us-east-1/" + second, null));
    c.doFinal(new byte[1]);
  }

  @Test
  void storeRefusesWhenAnotherWriterChangedTheSameAlias() throws Exception {
    String other = keystores.update(file, PASSWORD,
        r -> r.client(EAST).createKey(CreateKeyRequest.singleRegionKey("other")).keyId().value());
    KeyStore ks = load();
    ks.setKeyEntry("us-east-1/alias/orders", ks.getKey("us-east-1/" + first, null), null, null);
    keystores.update(file, PASSWORD, r -> {
      r.client(EAST).createAlias("alias/orders", other);
      return null;
    });
    byte[] before = Files.readAllBytes(file);
    IOException refused = assertThrows(IOException.class, () -> ks.store(MrkLoadStoreParameter.of(file, PASSWORD)));
    KeyStoreException cause = assertInstanceOf(KeyStoreException.class, refused.getCause());
    assertTrue(cause.getMessage().contains("us-east-1/alias/orders"), cause.getMessage());
    assertTrue(cause.getMessage().contains(other), cause.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file), "a refused store writes nothing");
  }

  @Test
  void aLongRunningStoreSeesOtherWritersWithoutReloading() throws Exception {
    KeyStore ks = load();
    MrkKey east = (MrkKey) ks.getKey("us-east-1/" + first, null);
    String added = keystores.update(file, PASSWORD, r -> {
      r.client(WEST).disableKey(first);
      return r.client(EAST).createKey(CreateKeyRequest.singleRegionKey("new")).keyId().value();
    });
    assertTrue(ks.containsAlias("us-east-1/" + added), "a key created by another process appears");
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
    c.init(Cipher.ENCRYPT_MODE, east);
    byte[] ct = c.doFinal(new byte[4]);
    Cipher d = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
    assertThrows(java.security.InvalidKeyException.class,
        () -> d.init(Cipher.DECRYPT_MODE, ks.getKey("eu-west-1/" + first, null)), "the disable applies at once");
    assertEquals(KeyState.DISABLED, read().client(WEST).describeKey(first).keyState());
    assertFalse(ct.length == 0);
  }

  @Test
  void storingTwiceFromTwoStoresKeepsBothChanges() throws Exception {
    KeyStore a = load();
    KeyStore b = load();
    a.setKeyEntry("us-east-1/alias/a", a.getKey("us-east-1/" + first, null), null, null);
    b.setKeyEntry("eu-west-1/alias/b", b.getKey("eu-west-1/" + first, null), null, null);
    a.store(MrkLoadStoreParameter.of(file, PASSWORD));
    b.store(MrkLoadStoreParameter.of(file, PASSWORD));
    KeyRegistry after = read();
    assertEquals(List.of("alias/a"), after.client(EAST).listAliases(null).stream().map(x -> x.aliasName()).toList());
    assertEquals(List.of("alias/b"), after.client(WEST).listAliases(null).stream().map(x -> x.aliasName()).toList());
  }

  @Test
  void storeIsAWriterAndPersistsADueRotation() throws Exception {
    // Rotation enabled 91 days ago by the keystore's clock: due now by the system clock the KeyStore uses.
    MrkKeystore past = keystores.withClock(java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofDays(-91)));
    past.update(file, PASSWORD, r -> {
      r.client(EAST).enableKeyRotation(first, 90);
      return null;
    });
    KeyStore ks = load();
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
    c.init(Cipher.ENCRYPT_MODE, ks.getKey("us-east-1/" + first, null));
    assertEquals(1, io.mrk.MrkCiphertext.parseHeader(c.doFinal(new byte[1])).materialVersion(), "loading mints nothing");
    assertEquals(0, read().client(EAST).listKeyRotations(first).size());
    ks.store(MrkLoadStoreParameter.of(file, PASSWORD));
    assertEquals(1, read().client(EAST).listKeyRotations(first).size());
    c.init(Cipher.ENCRYPT_MODE, ks.getKey("us-east-1/" + first, null));
    assertEquals(2, io.mrk.MrkCiphertext.parseHeader(c.doFinal(new byte[1])).materialVersion());
  }
}
