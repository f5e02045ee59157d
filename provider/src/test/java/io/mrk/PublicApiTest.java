package io.mrk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.audit.AuditFilter;
import io.mrk.audit.AuditRecord;
import io.mrk.audit.AuditReport;
import io.mrk.audit.ChainProblem;
import io.mrk.audit.RegionReport;
import io.mrk.kms.CreateGrantRequest;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.GrantConstraints;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Principal;
import io.mrk.kms.Region;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command line and the server do, through the exported packages only: act as a principal,
 * bind a handle to an encryption context, read and verify the audit trail. The README shows the
 * marked part line for line.
 */
class PublicApiTest {

  private static final Region EAST = new Region("us-east-1");
  private static final String APP = "arn:aws:iam::111122223333:role/app";

  @TempDir
  Path dir;

  @Test
  void principalsAreValidatedArns() throws Exception {
    assertEquals(APP, Principal.of(APP).arn());
    assertTrue(Principal.isValid("arn:aws:sts::111122223333:assumed-role/app/session-1"));
    assertTrue(Principal.isValid("arn:aws-cn:iam::111122223333:root"));
    for (String bad : new String[] {null, "", "app", "arn:aws:iam::1111:role/app", "arn:aws:iam::111122223333:group/g",
        "arn:aws:iam::111122223333:role/a\nb"}) {
      assertFalse(Principal.isValid(bad), String.valueOf(bad));
      assertEquals(KmsError.VALIDATION, assertThrows(KmsException.class, () -> Principal.of(bad)).error());
      assertThrows(IllegalArgumentException.class, () -> new Principal(bad));
    }
    String message = assertThrows(KmsException.class, () -> Principal.of("arn:aws:iam::1\u001b[2J")).getMessage();
    assertFalse(message.contains("\u001b"), message);
  }

  @Test
  void aPrincipalsClientIsAuthorisedAndItsHandlesSeeTheirContext() throws Exception {
    KeyRegistry registry = KeyRegistries.builder().build();
    KmsClient holder = registry.client(EAST);
    String id = holder.createKey(CreateKeyRequest.multiRegionKey("orders")).keyId().value();
    holder.createGrant(new CreateGrantRequest(id, APP, List.of("Encrypt", "Decrypt"), null,
        new GrantConstraints(Map.of("tenant", "a"), Map.of()), null));

    KmsClient app = registry.client(EAST, Principal.of(APP));
    assertEquals(KmsError.ACCESS_DENIED, assertThrows(KmsException.class, () -> app.describeKey(id)).error());
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
    cipher.init(Cipher.ENCRYPT_MODE, app.keyHandle(id, Map.of("tenant", "a")));
    cipher.updateAAD(EncryptionContext.encode(Map.of("tenant", "a")));
    byte[] ciphertext = cipher.doFinal("order".getBytes(StandardCharsets.UTF_8));
    for (Map<String, String> other : List.of(Map.of("tenant", "b"), Map.<String, String>of())) {
      assertThrows(InvalidKeyException.class,
          () -> Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider()).init(Cipher.ENCRYPT_MODE, app.keyHandle(id, other)));
    }
    assertThrows(InvalidKeyException.class,
        () -> Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider()).init(Cipher.ENCRYPT_MODE, app.keyHandle(id)));
    assertThrows(NullPointerException.class, () -> app.keyHandle(id, null));
    // The holder's client is never refused, and decrypts what the principal encrypted.
    Cipher decrypt = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
    decrypt.init(Cipher.DECRYPT_MODE, holder.keyHandle(id));
    decrypt.updateAAD(EncryptionContext.encode(Map.of("tenant", "a")));
    assertArrayEquals("order".getBytes(StandardCharsets.UTF_8), decrypt.doFinal(ciphertext));
  }

  @Test
  void theAuditTrailIsReadAndVerifiedThroughTheKeystore() throws Exception {
    Path file = dir.resolve("keystore.mrk");
    char[] password = "example password".toCharArray();
    MrkKeystore keystores = MrkKeystore.withDefaults().withKdf("argon2id:m=64,t=1,p=1");
    String id = keystores.update(file, password, registry -> {
      KmsClient app = registry.client(EAST, Principal.of(APP));
      assertThrows(KmsException.class, () -> app.describeKey("alias/missing"));
      return registry.client(EAST).createKey(CreateKeyRequest.multiRegionKey("orders")).keyId().value();
    });

    // README:api:begin
    KeystoreAuditTrail trail = MrkKeystore.auditTrail(file);
    List<AuditRecord> east = trail.read(new AuditFilter(Set.of(Region.of("us-east-1")), null, null, null));
    Optional<AuditReport> report = trail.verify(password);  // what `mrk audit verify` prints
    boolean intact = report.orElseThrow().intact();
    // README:api:end

    assertTrue(intact);
    assertEquals(List.of("DescribeKey", "CreateKey"), east.stream().map(AuditRecord::eventName).toList());
    assertEquals(APP, east.get(0).principal());
    assertEquals(List.of(id), east.get(1).keyIds());
    assertEquals(trail.directory().resolve("us-east-1.jsonl"), trail.logFile(EAST));

    // The next write anchors the log's head in the keystore; deleting the log is then reported.
    keystores.update(file, password, registry -> registry.client(EAST).describeKey(id));
    Files.delete(trail.logFile(EAST));
    RegionReport gone = trail.verify(password).orElseThrow().regions().get(0);
    assertFalse(gone.intact());
    assertEquals(ChainProblem.MISSING_LOG, gone.firstBreak().problem());
    assertTrue(readme().contains(exampleFromThisFile()), "README.md must show the audit example of " + getClass());
  }

  private static String readme() throws Exception {
    return Files.readString(Path.of(System.getProperty("user.dir")).resolve("../README.md"));
  }

  private static String exampleFromThisFile() throws Exception {
    Path source = Path.of(System.getProperty("user.dir"), "src/test/java/io/mrk/PublicApiTest.java");
    List<String> lines = Files.readAllLines(source);
    int begin = lines.indexOf("    // README:api:begin");
    int end = lines.indexOf("    // README:api:end");
    return lines.subList(begin + 1, end).stream().map(l -> l.substring(4)).collect(Collectors.joining("\n"));
  }
}
