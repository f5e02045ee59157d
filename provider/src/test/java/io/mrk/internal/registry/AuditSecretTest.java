package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.KeyRegistries;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyRegistry;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The registry's audit secret and section: stored in format 3, read from formats 1 and 2, fresh in an export. */
class AuditSecretTest {

  /** Offset of the secret: u16 version, u16 account length, 12 account digits. */
  private static final int SECRET_OFFSET = 2 + 2 + 12;

  private static byte[] encodedWithAKey() throws Exception {
    Fixture f = new Fixture();
    f.us.createKey(CreateKeyRequest.multiRegionKey(""));
    return RegistryCodec.encode(f.registry);
  }

  /** An empty audit section: i64 writes, u16 anchors, u32 outbox. */
  private static final int EMPTY_SECTION_BYTES = 8 + 2 + 4;

  @Test
  void formatThreeStoresSecretLineageAndSectionAndOlderFormatsAreRead() throws Exception {
    byte[] v3 = encodedWithAKey();
    assertEquals(3, v3[1]);
    KeyRegistry decoded = RegistryCodec.decode(v3, KeyRegistries.builder());
    AuditSecret secret = ((LocalKeyRegistry) decoded).auditSecret();
    assertTrue(secret.stored());
    assertFalse(secret.committed().legacy());
    assertArrayEquals(v3, RegistryCodec.encode(decoded));

    // Format 2 is format 3 without the keystore id, the generation and the audit section after the secret.
    int removed = Lineage.ID_BYTES + 8 + EMPTY_SECTION_BYTES;
    int after = SECRET_OFFSET + AuditSecret.BYTES;
    byte[] v2 = new byte[v3.length - removed];
    System.arraycopy(v3, 0, v2, 0, after);
    System.arraycopy(v3, after + removed, v2, after, v2.length - after);
    v2[1] = 2;
    KeyRegistry two = RegistryCodec.decode(v2, KeyRegistries.builder());
    assertEquals(Lineage.NEW, RegistryAccess.lineage(two), "a format-2 payload reads as an unnamed generation 0");
    AuditSecret legacy = ((LocalKeyRegistry) two).auditSecret();
    assertTrue(legacy.stored());
    assertTrue(legacy.committed().legacy(), "a format-2 trail is chain version 1: the next write archives it");

    byte[] v1 = new byte[v2.length - AuditSecret.BYTES];
    System.arraycopy(v2, 0, v1, 0, SECRET_OFFSET);
    System.arraycopy(v2, SECRET_OFFSET + AuditSecret.BYTES, v1, SECRET_OFFSET, v1.length - SECRET_OFFSET);
    v1[1] = 1;
    KeyRegistry old = RegistryCodec.decode(v1, KeyRegistries.builder());
    assertEquals(1, old.client(Fixture.US_EAST_1).listKeys().size());
    assertFalse(((LocalKeyRegistry) old).auditSecret().stored());
    byte[] upgraded = RegistryCodec.encode(old);
    assertEquals(RegistryCodec.FORMAT_VERSION, upgraded[1]);
    assertTrue(((LocalKeyRegistry) RegistryCodec.decode(upgraded, KeyRegistries.builder())).auditSecret().stored());
  }

  @Test
  void aRegionScopedRegistryIsEncodedWithAFreshSecretAndNoAnchors() throws Exception {
    Fixture f = new Fixture();
    f.us.createKey(CreateKeyRequest.multiRegionKey(""));
    byte[] source = RegistryCodec.encode(f.registry);
    byte[] export = RegistryCodec.encode(RegistryCodec.regionScoped(f.registry, Fixture.US_EAST_1, KeyRegistries.builder()));
    byte[] sourceSecret = Arrays.copyOfRange(source, SECRET_OFFSET, SECRET_OFFSET + AuditSecret.BYTES);
    byte[] exportSecret = Arrays.copyOfRange(export, SECRET_OFFSET, SECRET_OFFSET + AuditSecret.BYTES);
    assertFalse(Arrays.equals(sourceSecret, exportSecret), "an export must not carry the source's audit secret");
  }

  @Test
  void theSecretNeverAppearsInToString() {
    assertEquals("AuditSecret[redacted]", AuditSecret.stored(new byte[32], io.mrk.internal.audit.AuditSection.empty(false))
        .toString());
    assertThrows(IllegalArgumentException.class,
        () -> AuditSecret.stored(new byte[31], io.mrk.internal.audit.AuditSection.empty(false)));
  }
}
