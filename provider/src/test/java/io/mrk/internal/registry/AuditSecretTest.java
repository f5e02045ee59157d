package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The registry's audit secret: stored in format 2, absent from format 1, and the chain key derived from it. */
class AuditSecretTest {

  /** Offset of the secret: u16 version, u16 account length, 12 account digits. */
  private static final int SECRET_OFFSET = 2 + 2 + 12;

  private static byte[] encodedWithAKey() throws Exception {
    Fixture f = new Fixture();
    f.us.createKey(CreateKeyRequest.multiRegionKey(""));
    return RegistryCodec.encode(f.registry);
  }

  @Test
  void theChainKeyIsHkdfSha256OfTheSecretWithTheAuditInfo() throws Exception {
    byte[] secret = new byte[AuditSecret.BYTES];
    Arrays.fill(secret, (byte) 0x5a);
    Mac extract = Mac.getInstance("HmacSHA256");
    extract.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
    byte[] prk = extract.doFinal(secret);
    Mac expand = Mac.getInstance("HmacSHA256");
    expand.init(new SecretKeySpec(prk, "HmacSHA256"));
    expand.update("MRK audit chain key v1".getBytes(StandardCharsets.US_ASCII));
    byte[] expected = expand.doFinal(new byte[] {1});
    assertArrayEquals(expected, new AuditSecret(secret, true).chainKeyBytes());
  }

  @Test
  void formatTwoStoresTheSecretAndFormatOneIsUpgradedOnWrite() throws Exception {
    byte[] v3 = encodedWithAKey();
    KeyRegistry decoded = RegistryCodec.decode(v3, KeyRegistry.builder());
    assertTrue(RegistryAccess.chainKey(decoded, false).isPresent());
    assertArrayEquals(v3, RegistryCodec.encode(decoded));
    // Format 2 is format 3 without the 16-byte keystore id and the i64 generation after the secret.
    int lineageBytes = Lineage.ID_BYTES + 8;
    int lineageOffset = SECRET_OFFSET + AuditSecret.BYTES;
    byte[] v2 = new byte[v3.length - lineageBytes];
    System.arraycopy(v3, 0, v2, 0, lineageOffset);
    System.arraycopy(v3, lineageOffset + lineageBytes, v2, lineageOffset, v2.length - lineageOffset);
    v2[1] = 2;
    KeyRegistry two = RegistryCodec.decode(v2, KeyRegistry.builder());
    assertEquals(Lineage.NEW, RegistryAccess.lineage(two));
    assertArrayEquals(v3, RegistryCodec.encode(two), "a format-2 payload reads as an unnamed generation 0");

    byte[] v1 = new byte[v2.length - AuditSecret.BYTES];
    System.arraycopy(v2, 0, v1, 0, SECRET_OFFSET);
    System.arraycopy(v2, SECRET_OFFSET + AuditSecret.BYTES, v1, SECRET_OFFSET, v1.length - SECRET_OFFSET);
    v1[1] = 1;
    KeyRegistry old = RegistryCodec.decode(v1, KeyRegistry.builder());
    assertEquals(1, old.client(Fixture.US_EAST_1).listKeys().size());
    assertFalse(RegistryAccess.chainKey(old, false).isPresent());
    assertTrue(RegistryAccess.chainKey(old, true).isPresent());

    byte[] upgraded = RegistryCodec.encode(old);
    assertEquals(RegistryCodec.FORMAT_VERSION, upgraded[1]);
    KeyRegistry reread = RegistryCodec.decode(upgraded, KeyRegistry.builder());
    assertArrayEquals(((LocalKeyRegistry) old).auditSecret().chainKeyBytes(),
        ((LocalKeyRegistry) reread).auditSecret().chainKeyBytes());
  }

  @Test
  void theSecretNeverAppearsInToString() {
    assertEquals("AuditSecret[redacted]", new AuditSecret(new byte[32], true).toString());
    assertThrows(IllegalArgumentException.class, () -> new AuditSecret(new byte[31], true));
  }
}
