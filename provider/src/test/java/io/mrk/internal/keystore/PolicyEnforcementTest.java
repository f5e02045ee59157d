package io.mrk.internal.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.KeyRegistries;
import io.mrk.MrkKey;
import io.mrk.MrkKeystore;
import io.mrk.MrkLoadStoreParameter;
import io.mrk.MrkProvider;
import io.mrk.audit.AuditFilter;
import io.mrk.audit.AuditRecord;
import io.mrk.audit.AuditReport;
import io.mrk.audit.ChainProblem;
import io.mrk.internal.audit.AuditLogFiles;
import io.mrk.internal.audit.AuditMerger;
import io.mrk.internal.audit.AuditVerifier;
import io.mrk.internal.registry.KeystoreAudit;
import io.mrk.internal.registry.RegistryAccess;
import io.mrk.kms.CreateGrantRequest;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.GrantConstraints;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import io.mrk.kms.ReplicateKeyRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-Region key policies through the drop-in path (KeyStore + Cipher), and the audit trail they leave. */
class PolicyEnforcementTest {

  private static final char[] PASSWORD = "correct horse".toCharArray();
  private static final Region EAST = new Region("us-east-1");
  private static final Region WEST = new Region("eu-west-1");
  private static final String APP = "arn:aws:iam::111122223333:role/app";
  private static final String EAST_POLICY = "{\"Version\":\"2012-10-17\",\"Statement\":["
      + "{\"Sid\":\"root\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
      + "{\"Sid\":\"app\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + APP + "\"},"
      + "\"Action\":[\"kms:Encrypt\",\"kms:Decrypt\"],\"Resource\":\"*\"}]}";

  @TempDir
  Path dir;
  private Path file;
  private String keyId;
  private final MrkProvider provider = new MrkProvider();
  private final MrkKeystore keystores = keystores();

  private static MrkKeystore keystores() {
    try {
      return MrkKeystore.withDefaults().withKdf(MrkKeyStoreSpiTest.TEST_KDF);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @BeforeEach
  void createKeystore() throws Exception {
    file = dir.resolve("keys.mrk");
    keyId = keystores.update(file, PASSWORD, registry -> {
      KmsClient east = registry.client(EAST);
      String id = east.createKey(CreateKeyRequest.multiRegionKey("orders")).keyId().value();
      east.replicateKey(id, WEST, ReplicateKeyRequest.DEFAULTS);
      east.putKeyPolicy(id, "default", EAST_POLICY);
      return id;
    });
  }

  /** Key stores loaded by a test, whose audit events are flushed before the temporary directory goes. */
  private final List<KeyStore> loaded = new java.util.ArrayList<>();

  @org.junit.jupiter.api.AfterEach
  void flushAuditOfEveryLoadedKeyStore() throws Exception {
    for (KeyStore ks : loaded) {
      ks.store(MrkLoadStoreParameter.of(file, PASSWORD));
    }
  }

  private KeyStore loadAs(String principal) throws Exception {
    KeyStore ks = KeyStore.getInstance("MRK", provider);
    loaded.add(ks);
    ks.load(MrkLoadStoreParameter.of(file, PASSWORD).withPrincipal(principal));
    return ks;
  }

  @Test
  void theSameKeyIsAllowedInOneRegionAndDeniedInAnother() throws Exception {
    KeyStore ks = loadAs(APP);
    Key east = ks.getKey("us-east-1/" + keyId, null);
    Key west = ks.getKey("eu-west-1/" + keyId, null);
    Cipher enc = Cipher.getInstance("AES/GCM/NoPadding", provider);
    enc.init(Cipher.ENCRYPT_MODE, east);
    byte[] ciphertext = enc.doFinal("hello".getBytes(StandardCharsets.UTF_8));

    InvalidKeyException denied = assertThrows(InvalidKeyException.class,
        () -> Cipher.getInstance("AES/GCM/NoPadding", provider).init(Cipher.ENCRYPT_MODE, west));
    assertTrue(denied.getMessage().contains("AccessDeniedException"), denied.getMessage());
    assertTrue(denied.getMessage().contains("kms:Encrypt"), denied.getMessage());
    InvalidKeyException noDecrypt = assertThrows(InvalidKeyException.class,
        () -> Cipher.getInstance("AES/GCM/NoPadding", provider).init(Cipher.DECRYPT_MODE, west));
    assertTrue(noDecrypt.getMessage().contains("kms:Decrypt"), noDecrypt.getMessage());

    Cipher dec = Cipher.getInstance("AES/GCM/NoPadding", provider);
    dec.init(Cipher.DECRYPT_MODE, east);
    assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), dec.doFinal(ciphertext));
  }

  @Test
  void aliasWritesThroughTheKeyStoreActAsThePrincipal() throws Exception {
    KeyStore ks = loadAs(APP);
    Key east = ks.getKey("us-east-1/" + keyId, null);
    KeyStoreException denied = assertThrows(KeyStoreException.class,
        () -> ks.setKeyEntry("us-east-1/alias/app", east, null, null));
    assertTrue(denied.getMessage().contains("AccessDeniedException"), denied.getMessage());
    assertTrue(denied.getMessage().contains("kms:CreateAlias"), denied.getMessage());
    assertFalse(ks.containsAlias("us-east-1/alias/app"));
  }

  @Test
  void theKeystoreHolderIsNotBoundByPoliciesButANamedPrincipalIs() throws Exception {
    KeyStore holder = KeyStore.getInstance("MRK", provider);
    holder.load(MrkLoadStoreParameter.of(file, PASSWORD));
    Cipher.getInstance("AES/GCM/NoPadding", provider).init(Cipher.ENCRYPT_MODE,
        holder.getKey("eu-west-1/" + keyId, null));
    Cipher.getInstance("AES/GCM/NoPadding", provider).init(Cipher.ENCRYPT_MODE,
        loadAs("arn:aws:iam::111122223333:root").getKey("eu-west-1/" + keyId, null));
    assertThrows(InvalidKeyException.class, () -> Cipher.getInstance("AES/GCM/NoPadding", provider)
        .init(Cipher.ENCRYPT_MODE, loadAs("arn:aws:iam::444455556666:root").getKey("eu-west-1/" + keyId, null)));
    assertThrows(IllegalArgumentException.class, () -> MrkLoadStoreParameter.of(file, PASSWORD).withPrincipal("app"));
  }

  @Test
  void aPolicyChangeTakesEffectAtTheNextInit() throws Exception {
    KeyRegistry registry = KeyRegistries.builder().build();
    KmsClient east = registry.client(EAST);
    String id = east.createKey(CreateKeyRequest.multiRegionKey("x")).keyId().value();
    east.putKeyPolicy(id, "default", EAST_POLICY);
    MrkKey handle = RegistryAccess.client(registry, EAST, APP).keyHandle(id);
    Cipher bound = Cipher.getInstance("AES/GCM/NoPadding", provider);
    bound.init(Cipher.ENCRYPT_MODE, handle);
    east.putKeyPolicy(id, "default",
        EAST_POLICY.replace("\"Sid\":\"app\",\"Effect\":\"Allow\"", "\"Sid\":\"app\",\"Effect\":\"Deny\""));
    bound.doFinal("still bound".getBytes(StandardCharsets.UTF_8));
    InvalidKeyException denied = assertThrows(InvalidKeyException.class, () -> bound.init(Cipher.ENCRYPT_MODE, handle));
    assertTrue(denied.getMessage().contains("explicit deny"), denied.getMessage());
  }

  @Test
  void constrainedGrantsAllowOnlyHandlesBoundToAMatchingContext() throws Exception {
    KeyRegistry registry = KeyRegistries.builder().build();
    KmsClient east = registry.client(EAST);
    String id = east.createKey(CreateKeyRequest.multiRegionKey("x")).keyId().value();
    String grantee = "arn:aws:iam::111122223333:role/grantee";
    east.createGrant(new CreateGrantRequest(id, grantee, List.of("Encrypt"), null,
        new GrantConstraints(Map.of("tenant", "a"), Map.of()), null));
    KmsClient asGrantee = RegistryAccess.client(registry, EAST, grantee);
    Cipher.getInstance("AES/GCM/NoPadding", provider).init(Cipher.ENCRYPT_MODE,
        asGrantee.keyHandle(id, Map.of("TENANT", "a")));
    for (MrkKey refused : List.of(asGrantee.keyHandle(id, Map.of("tenant", "b")),
        asGrantee.keyHandle(id, Map.of("tenant", "a", "extra", "1")), asGrantee.keyHandle(id))) {
      assertThrows(InvalidKeyException.class,
          () -> Cipher.getInstance("AES/GCM/NoPadding", provider).init(Cipher.ENCRYPT_MODE, refused));
    }
    assertThrows(InvalidKeyException.class, () -> Cipher.getInstance("AES/GCM/NoPadding", provider)
        .init(Cipher.DECRYPT_MODE, asGrantee.keyHandle(id, Map.of("tenant", "a"))));
    assertEquals(KmsError.ACCESS_DENIED,
        assertThrows(KmsException.class, () -> asGrantee.describeKey(id)).error());
  }

  @Test
  void managementThroughAPrincipalIsCheckedInTheRegionOfTheCall() throws Exception {
    KmsException denied = assertThrows(KmsException.class, () -> keystores.update(file, PASSWORD,
        registry -> {
          RegistryAccess.client(registry, EAST, APP).disableKey(keyId);
          return null;
        }));
    assertEquals(KmsError.ACCESS_DENIED, denied.error());
    assertTrue(denied.getMessage().startsWith("User: " + APP + " is not authorized to perform: kms:DisableKey"));
    KmsException malformed = assertThrows(KmsException.class, () -> keystores.update(file, PASSWORD,
        registry -> {
          registry.client(WEST).putKeyPolicy(keyId, "default", "{\"Statement\":{\"Effect\":\"Allow\","
              + "\"Principal\":\"*\",\"NotAction\":\"kms:Decrypt\",\"Resource\":\"*\"}}");
          return null;
        }));
    assertEquals(KmsError.MALFORMED_POLICY_DOCUMENT, malformed.error());
    assertTrue(malformed.getMessage().contains("NotAction"), malformed.getMessage());
    KmsException lockout = assertThrows(KmsException.class, () -> keystores.update(file, PASSWORD,
        registry -> {
          RegistryAccess.client(registry, EAST, "arn:aws:iam::111122223333:root").putKeyPolicy(keyId, "default",
              EAST_POLICY.replace("\"kms:*\"", "\"kms:Describe*\""));
          return null;
        }));
    assertEquals(KmsError.MALFORMED_POLICY_DOCUMENT, lockout.error());
  }

  @Test
  void everyOperationAndBindingIsAuditedInItsRegionAndTheChainsVerify() throws Exception {
    KeyStore ks = loadAs(APP);
    Cipher.getInstance("AES/GCM/NoPadding", provider).init(Cipher.ENCRYPT_MODE, ks.getKey("us-east-1/" + keyId, null));
    assertThrows(InvalidKeyException.class, () -> Cipher.getInstance("AES/GCM/NoPadding", provider)
        .init(Cipher.ENCRYPT_MODE, ks.getKey("eu-west-1/" + keyId, null)));
    ks.store(MrkLoadStoreParameter.of(file, PASSWORD));

    Path logs = AuditLogFiles.directoryFor(file);
    List<AuditRecord> all = AuditMerger.merge(logs, AuditFilter.ALL);
    assertEquals(List.of("CreateKey OK", "ReplicateKey OK", "PutKeyPolicy OK", "Encrypt OK"), inRegion(all, EAST));
    assertEquals(List.of("CreateKey OK", "Encrypt AccessDeniedException"), inRegion(all, WEST));
    assertEquals(APP, all.get(all.size() - 1).principal());
    for (int i = 1; i < all.size(); i++) {
      assertFalse(all.get(i).eventTime().isBefore(all.get(i - 1).eventTime()));
    }
    assertEquals(2, AuditMerger.merge(logs, new AuditFilter(Set.of(WEST), null, keyId, Set.of())).size());

    AuditReport intact = verify();
    assertTrue(intact.intact(), intact::toString);
    Path west = AuditLogFiles.fileFor(logs, WEST);
    String text = Files.readString(west);
    Files.writeString(west, text.replace("AccessDeniedException", "AccessDeniedExceptioN"));
    var tampered = verify().regions().stream().filter(f -> !f.intact()).toList();
    assertEquals(1, tampered.size());
    assertEquals(ChainProblem.BAD_HMAC, tampered.get(0).firstBreak().problem());
    Files.writeString(west, text.substring(0, text.length() - 1));
    var cut = verify().regions().stream().filter(f -> !f.intact()).toList();
    assertEquals(ChainProblem.TRUNCATED_LINE, cut.get(0).firstBreak().problem());
  }

  private static List<String> inRegion(List<AuditRecord> records, Region region) {
    return records.stream().filter(r -> r.region().equals(region)).map(r -> r.eventName() + " " + r.result()).toList();
  }

  private AuditReport verify() throws Exception {
    return KeystoreAudit.verify(file, PASSWORD).orElseThrow();
  }
}
