package io.mrk.internal.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.MrkKey;
import io.mrk.MrkKeystore;
import io.mrk.MrkLoadStoreParameter;
import io.mrk.MrkProvider;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyMetadata;
import io.mrk.kms.KmsClient;
import io.mrk.kms.Region;
import io.mrk.kms.ReplicateKeyRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MRK KeyStore SPI through the public {@link KeyStore} API. */
class MrkKeyStoreSpiTest {

  static final String TEST_KDF = "argon2id:m=64,t=1,p=1";
  private static final char[] PASSWORD = "correct horse".toCharArray();
  private static final Region EAST = new Region("us-east-1");
  private static final Region WEST = new Region("eu-west-1");
  private static final Region SYDNEY = new Region("ap-southeast-2");

  @TempDir
  Path dir;
  private Path file;
  private String mrkId;
  private String singleId;
  private final MrkProvider provider = new MrkProvider();

  @BeforeEach
  void createKeystore() throws Exception {
    file = dir.resolve("keys.mrk");
    MrkKeystore keystores = MrkKeystore.withDefaults().withKdf(TEST_KDF);
    List<String> ids = keystores.update(file, PASSWORD, registry -> {
      KmsClient east = registry.client(EAST);
      KeyMetadata mrk = east.createKey(CreateKeyRequest.multiRegionKey("orders"));
      east.replicateKey(mrk.keyId().value(), WEST, ReplicateKeyRequest.DEFAULTS);
      east.createAlias("alias/orders", mrk.keyId().value());
      registry.client(WEST).createAlias("alias/orders", mrk.keyId().value());
      KeyMetadata single = registry.client(SYDNEY).createKey(CreateKeyRequest.singleRegionKey("audit"));
      return List.of(mrk.keyId().value(), single.keyId().value());
    });
    mrkId = ids.get(0);
    singleId = ids.get(1);
  }

  private KeyStore load() throws Exception {
    KeyStore ks = KeyStore.getInstance("MRK", provider);
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, PASSWORD);
    }
    return ks;
  }

  @Test
  void listsEveryKeyAndAliasRegionQualified() throws Exception {
    KeyStore ks = load();
    Set<String> aliases = new TreeSet<>(Collections.list(ks.aliases()));
    assertEquals(Set.of(
        "us-east-1/" + mrkId, "eu-west-1/" + mrkId, "ap-southeast-2/" + singleId,
        "us-east-1/alias/orders", "eu-west-1/alias/orders"), aliases);
    assertEquals(5, ks.size());
    for (String alias : aliases) {
      assertTrue(ks.containsAlias(alias));
      assertTrue(ks.isKeyEntry(alias));
      assertFalse(ks.isCertificateEntry(alias));
      assertTrue(ks.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class));
      assertFalse(ks.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class));
      assertNotNull(ks.getCreationDate(alias), alias);
      assertNull(ks.getCertificate(alias));
    }
  }

  @Test
  void keysAreOpaqueRegionBoundHandles() throws Exception {
    KeyStore ks = load();
    MrkKey west = assertInstanceOf(MrkKey.class, ks.getKey("eu-west-1/alias/orders", null));
    assertEquals("AES", west.getAlgorithm());
    assertNull(west.getFormat());
    assertNull(west.getEncoded());
    assertEquals("eu-west-1", west.region());
    assertEquals(mrkId, west.keyId());
    assertEquals("arn:aws:kms:eu-west-1:111122223333:key/" + mrkId, west.keyArn());
    assertTrue(west.toString().contains(west.keyArn()));
  }

  @Test
  void getKeyAcceptsKeyAndAliasArns() throws Exception {
    KeyStore ks = load();
    String keyArn = "arn:aws:kms:us-east-1:111122223333:key/" + mrkId;
    assertEquals(keyArn, ((MrkKey) ks.getKey(keyArn, null)).keyArn());
    MrkKey viaAlias = (MrkKey) ks.getKey("arn:aws:kms:eu-west-1:111122223333:alias/orders", null);
    assertEquals("eu-west-1", viaAlias.region());
    assertNull(ks.getKey("arn:aws:kms:ap-southeast-2:111122223333:key/" + mrkId, null));
    assertNull(ks.getKey("nonsense", null));
    assertNull(ks.getKey("us-east-1/alias/missing", null));
  }

  @Test
  void entriesCarryTheKeyMetadataAsAttributes() throws Exception {
    KeyStore.Entry entry = load().getEntry("eu-west-1/alias/orders", null);
    KeyStore.SecretKeyEntry secret = assertInstanceOf(KeyStore.SecretKeyEntry.class, entry);
    Map<String, String> attrs = new HashMap<>();
    for (KeyStore.Entry.Attribute a : secret.getAttributes()) {
      attrs.put(a.getName(), a.getValue());
    }
    assertEquals("arn:aws:kms:eu-west-1:111122223333:key/" + mrkId, attrs.get("mrk:KeyArn"));
    assertEquals("eu-west-1", attrs.get("mrk:Region"));
    assertEquals("Enabled", attrs.get("mrk:KeyState"));
    assertEquals("REPLICA", attrs.get("mrk:MultiRegionKeyType"));
    assertEquals("alias/orders", attrs.get("mrk:AliasName"));
    KeyStore.SecretKeyEntry single = (KeyStore.SecretKeyEntry) load().getEntry("ap-southeast-2/" + singleId, null);
    assertTrue(single.getAttributes().stream().anyMatch(a -> a.getValue().equals("SINGLE_REGION")));
  }

  @Test
  void encryptsInOneRegionAndDecryptsInAnother() throws Exception {
    KeyStore ks = load();
    Cipher enc = Cipher.getInstance("AES/GCM/NoPadding", provider);
    enc.init(Cipher.ENCRYPT_MODE, ks.getKey("us-east-1/alias/orders", null));
    byte[] ct = enc.doFinal("hello".getBytes());
    Cipher dec = Cipher.getInstance("AES/GCM/NoPadding", provider);
    dec.init(Cipher.DECRYPT_MODE, ks.getKey("eu-west-1/" + mrkId, null));
    assertArrayEquals("hello".getBytes(), dec.doFinal(ct));
  }

  @Test
  void wrongPasswordIsReportedAsSuch() throws Exception {
    KeyStore ks = KeyStore.getInstance("MRK", provider);
    IOException e = assertThrows(IOException.class, () -> {
      try (InputStream in = Files.newInputStream(file)) {
        ks.load(in, "wrong".toCharArray());
      }
    });
    assertInstanceOf(UnrecoverableKeyException.class, e.getCause());
  }

  @Test
  void tamperedOrTruncatedFilesNeverLoad() throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    for (int i = 0; i < bytes.length; i += Math.max(1, bytes.length / 64)) {
      byte[] copy = bytes.clone();
      copy[i] ^= 0x01;
      KeyStore ks = KeyStore.getInstance("MRK", provider);
      assertThrows(IOException.class, () -> ks.load(new ByteArrayInputStream(copy), PASSWORD), "flip at " + i);
    }
    for (int len : new int[] {0, 1, 7, bytes.length / 2, bytes.length - 1}) {
      byte[] cut = java.util.Arrays.copyOf(bytes, len);
      KeyStore ks = KeyStore.getInstance("MRK", provider);
      assertThrows(IOException.class, () -> ks.load(new ByteArrayInputStream(cut), PASSWORD), "length " + len);
    }
  }

  @Test
  void storeThenLoadRoundTrips() throws Exception {
    KeyStore ks = load();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ks.store(out, "another".toCharArray());
    KeyStore again = KeyStore.getInstance("MRK", provider);
    again.load(new ByteArrayInputStream(out.toByteArray()), "another".toCharArray());
    assertEquals(new TreeSet<>(Collections.list(ks.aliases())), new TreeSet<>(Collections.list(again.aliases())));
  }

  @Test
  void emptyStoreFromNullStream() throws Exception {
    KeyStore ks = KeyStore.getInstance("MRK", provider);
    ks.load(null, null);
    assertEquals(0, ks.size());
  }

  @Test
  void probeRecognisesOnlyMrkKeystores() throws Exception {
    MrkKeyStoreSpi spi = new MrkKeyStoreSpi();
    try (InputStream in = Files.newInputStream(file)) {
      assertTrue(spi.engineProbe(in));
    }
    assertFalse(spi.engineProbe(new ByteArrayInputStream(new byte[] {0x30, (byte) 0x82, 0, 0})));
    assertFalse(spi.engineProbe(new ByteArrayInputStream(new byte[0])));
  }

  @Test
  void keyStoreGetInstanceOfAFileRecognisesTheFormat() throws Exception {
    java.security.Security.addProvider(provider);
    try {
      KeyStore ks = KeyStore.getInstance(file.toFile(), PASSWORD);
      assertEquals("MRK", ks.getType());
      assertEquals(5, ks.size());
    } finally {
      java.security.Security.removeProvider(provider.getName());
    }
  }

  @Test
  void destroyedHandlesAreRefusedByTheCipher() throws Exception {
    MrkKey key = (MrkKey) load().getKey("us-east-1/alias/orders", null);
    key.destroy();
    assertTrue(key.isDestroyed());
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", provider);
    assertThrows(java.security.InvalidKeyException.class, () -> cipher.init(Cipher.ENCRYPT_MODE, key));
  }

  @Test
  void rawKeysAndCertificatesAreRefusedWithAPointerToTheManagementApi() throws Exception {
    KeyStore ks = load();
    KeyStoreException raw = assertThrows(KeyStoreException.class, () ->
        ks.setKeyEntry("us-east-1/alias/raw", new SecretKeySpec(new byte[32], "AES"), null, null));
    assertTrue(raw.getMessage().contains("management API"), raw.getMessage());
    assertThrows(KeyStoreException.class, () -> ks.setKeyEntry("x", new byte[32], null));
    assertThrows(KeyStoreException.class, () -> ks.setCertificateEntry("x", null));
    KeyStoreException keyEntry = assertThrows(KeyStoreException.class, () ->
        ks.setKeyEntry("us-east-1/" + mrkId, ks.getKey("us-east-1/" + mrkId, null), null, null));
    assertTrue(keyEntry.getMessage().contains("alias"), keyEntry.getMessage());
  }

  @Test
  void storingAHandleUnderARegionAliasCreatesOrMovesTheAlias() throws Exception {
    KeyStore ks = load();
    ks.setKeyEntry("eu-west-1/alias/billing", ks.getKey("us-east-1/" + mrkId, null), null, null);
    MrkKey billing = (MrkKey) ks.getKey("eu-west-1/alias/billing", null);
    assertEquals("eu-west-1", billing.region());
    assertEquals(mrkId, billing.keyId());
    KeyStoreException elsewhere = assertThrows(KeyStoreException.class, () ->
        ks.setKeyEntry("us-east-1/alias/audit", ks.getKey("ap-southeast-2/" + singleId, null), null, null));
    assertTrue(elsewhere.getMessage().contains("NotFoundException"), elsewhere.getMessage());
  }

  @Test
  void deletingAnAliasEntryDeletesTheAliasButKeysNeedScheduledDeletion() throws Exception {
    KeyStore ks = load();
    ks.deleteEntry("eu-west-1/alias/orders");
    assertFalse(ks.containsAlias("eu-west-1/alias/orders"));
    assertTrue(ks.containsAlias("us-east-1/alias/orders"));
    KeyStoreException e = assertThrows(KeyStoreException.class, () -> ks.deleteEntry("us-east-1/" + mrkId));
    assertTrue(e.getMessage().contains("scheduleKeyDeletion"), e.getMessage());
  }

  @Test
  void regionFilteredLoadShowsOneRegionAndCannotOverwriteItsSource() throws Exception {
    KeyStore ks = KeyStore.getInstance("MRK", provider);
    ks.load(MrkLoadStoreParameter.ofRegion(file, PASSWORD, WEST));
    assertEquals(Set.of("eu-west-1/" + mrkId, "eu-west-1/alias/orders"),
        new TreeSet<>(Collections.list(ks.aliases())));
    assertThrows(IOException.class, () -> ks.store(MrkLoadStoreParameter.of(file, PASSWORD)));
    Path export = dir.resolve("eu-west-1.mrk");
    ks.store(MrkLoadStoreParameter.of(export, PASSWORD));
    KeyStore exported = KeyStore.getInstance("MRK", provider);
    exported.load(MrkLoadStoreParameter.of(export, PASSWORD));
    assertEquals(2, exported.size());
  }
}
