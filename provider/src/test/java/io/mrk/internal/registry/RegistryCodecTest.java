package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.KeyRegistries;
import io.mrk.internal.key.KeyHandles;
import io.mrk.kms.CreateGrantRequest;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.GrantConstraints;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KeyState;
import io.mrk.kms.KmsError;
import io.mrk.kms.ReplicateKeyRequest;
import io.mrk.kms.Tag;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryCodecTest {

  private final Fixture f = new Fixture(Duration.ofSeconds(10));
  private String mrk;
  private String single;

  @BeforeEach
  void buildRichState() throws Exception {
    mrk = f.us.createKey(new CreateKeyRequest(true, "ünïcode", null, List.of(new Tag("a", "b")), null, null,
        null)).keyId().value();
    f.us.replicateKey(mrk, Fixture.EU_WEST_1, new ReplicateKeyRequest("eu",
        "{\"Statement\":{\"Sid\":\"eu\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},"
            + "\"Action\":\"kms:*\",\"Resource\":\"*\"}}", null));
    f.clock.advance(Duration.ofSeconds(10));
    f.us.replicateKey(mrk, Fixture.AP_SOUTHEAST_2, null);
    f.us.enableKeyRotation(mrk, 90);
    f.us.rotateKeyOnDemand(mrk);
    single = f.eu.createKey(CreateKeyRequest.singleRegionKey("s")).keyId().value();
    f.eu.createAlias("alias/orders", mrk);
    f.us.createAlias("alias/orders", mrk);
    f.us.createGrant(new CreateGrantRequest(mrk, "arn:aws:iam::111122223333:role/x", List.of("Decrypt"), null,
        new GrantConstraints(null, Map.of("k", "v")), null));
    f.eu.createGrant(new CreateGrantRequest(single, "p", List.of("Encrypt", "Decrypt"), "r", null, "n"));
    f.eu.scheduleKeyDeletion(single, 7);
  }

  private KeyRegistry decode(byte[] payload) throws InvalidRegistryException {
    return RegistryCodec.decode(payload, KeyRegistries.builder().clock(f.clock).random(Fixture.seeded(2)));
  }

  @Test
  void roundTripsEverything() throws Exception {
    byte[] encoded = RegistryCodec.encode(f.registry);
    KeyRegistry copy = decode(encoded);
    assertArrayEquals(encoded, RegistryCodec.encode(copy));
    assertEquals(f.registry.regions(), copy.regions());
    for (var region : f.registry.regions()) {
      var a = f.registry.client(region);
      var b = copy.client(region);
      assertEquals(a.listKeys(), b.listKeys());
      assertEquals(a.listAliases(null), b.listAliases(null));
      for (var k : a.listKeys()) {
        String id = k.keyId().value();
        assertEquals(a.describeKey(id), b.describeKey(id));
        assertEquals(a.listGrants(id), b.listGrants(id));
        assertEquals(a.listResourceTags(id), b.listResourceTags(id));
      }
    }
    var original = KeyHandles.source(f.us.keyHandle(mrk), io.mrk.internal.key.TestSecrets.access()).encryptionMaterial();
    var decoded = KeyHandles.source(copy.client(Fixture.US_EAST_1).keyHandle(mrk), io.mrk.internal.key.TestSecrets.access()).encryptionMaterial();
    assertTrue(java.security.MessageDigest.isEqual(original.bytes(io.mrk.internal.key.TestSecrets.access()),
        decoded.bytes(io.mrk.internal.key.TestSecrets.access())));
    assertEquals(original.materialId(), decoded.materialId());
  }

  @Test
  void decodedRegistrySettlesOnReadButRotatesOnlyInAWrite() throws Exception {
    KeyRegistry copy = decode(RegistryCodec.encode(f.registry));
    int persisted = copy.client(Fixture.US_EAST_1).listKeyRotations(mrk).size();
    f.clock.advance(Duration.ofDays(91));
    assertEquals(KmsError.NOT_FOUND, assertThrows(io.mrk.kms.KmsException.class,
        () -> copy.client(Fixture.EU_WEST_1).describeKey(single)).error(), "a deletion falls due on read");
    assertEquals(persisted, copy.client(Fixture.US_EAST_1).listKeyRotations(mrk).size(), "a read mints nothing");
    assertEquals(1, RegistryAccess.dueRotations(copy));
    RegistryAccess.applyDueRotations(copy);
    assertEquals(f.us.listKeyRotations(mrk).size(), copy.client(Fixture.US_EAST_1).listKeyRotations(mrk).size());
    assertEquals(0, RegistryAccess.dueRotations(copy));
  }

  @Test
  void regionScopedHoldsOneRegionButDescribesTheWholeSet() throws Exception {
    KeyRegistry eu = RegistryCodec.regionScoped(f.registry, Fixture.EU_WEST_1, KeyRegistries.builder().clock(f.clock));
    assertEquals(Set.of(Fixture.EU_WEST_1), eu.regions());
    var m = eu.client(Fixture.EU_WEST_1).describeKey(mrk);
    assertEquals(f.eu.describeKey(mrk), m);
    assertEquals(2, m.multiRegionConfiguration().replicaKeys().size());
    assertEquals(KmsError.NOT_FOUND, assertThrows(io.mrk.kms.KmsException.class,
        () -> eu.client(Fixture.US_EAST_1).describeKey(mrk)).error());
    assertEquals(f.eu.listAliases(null), eu.client(Fixture.EU_WEST_1).listAliases(null));
    byte[] encoded = RegistryCodec.encode(eu);
    assertArrayEquals(encoded, RegistryCodec.encode(decode(encoded)));
    assertEquals(KeyState.ENABLED, eu.client(Fixture.EU_WEST_1).describeKey(mrk).keyState());
  }

  @Test
  void everyTruncationIsRefused() {
    byte[] encoded = RegistryCodec.encode(f.registry);
    for (int n = 0; n < encoded.length; n++) {
      byte[] cut = Arrays.copyOf(encoded, n);
      assertThrows(InvalidRegistryException.class, () -> decode(cut), "length " + n);
    }
  }

  @Test
  void trailingBytesAndUnknownVersionsAreRefused() {
    byte[] encoded = RegistryCodec.encode(f.registry);
    byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
    assertTrue(assertThrows(InvalidRegistryException.class, () -> decode(longer)).getMessage().contains("trailing"));
    byte[] v4 = encoded.clone();
    v4[1] = 4;
    assertTrue(assertThrows(InvalidRegistryException.class, () -> decode(v4)).getMessage().contains("version 4"));
    assertThrows(InvalidRegistryException.class, () -> decode(null));
  }

  @Test
  void hugeCountsAreRefusedBeforeAllocating() {
    byte[] payload = {0, 1, 0, 12, '1', '1', '1', '1', '2', '2', '2', '2', '3', '3', '3', '3',
        (byte) 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    assertTrue(assertThrows(InvalidRegistryException.class, () -> decode(payload)).getMessage()
        .contains("exceeds the payload"));
  }

  /** Every single-bit flip either decodes to a valid registry or is refused with the checked exception. */
  @Test
  void bitFlipsNeverEscapeAsUncheckedExceptions() {
    byte[] encoded = RegistryCodec.encode(f.registry);
    int refused = 0;
    for (int i = 0; i < encoded.length; i++) {
      for (int bit = 0; bit < 8; bit += 3) {
        byte[] flipped = encoded.clone();
        flipped[i] ^= (byte) (1 << bit);
        try {
          KeyRegistry r = decode(flipped);
          for (var region : r.regions()) {
            for (var k : r.client(region).listKeys()) {
              r.client(region).describeKey(k.keyId().value());
              r.client(region).listResourceTags(k.keyId().value());
              r.client(region).listGrants(k.keyId().value());
            }
          }
        } catch (InvalidRegistryException e) {
          refused++;
        } catch (io.mrk.kms.KmsException e) {
          throw new AssertionError("decoded a state the API cannot read, flip at " + i, e);
        }
      }
    }
    assertTrue(refused > 0);
  }

  @Test
  void theLineageRoundTripsAndAnInconsistentOneIsRefused() throws Exception {
    RegistryAccess.advanceLineage(f.registry, Fixture.seeded(9));
    RegistryAccess.advanceLineage(f.registry, Fixture.seeded(9));
    Lineage written = RegistryAccess.lineage(f.registry);
    assertEquals(2, written.generation());
    byte[] encoded = RegistryCodec.encode(f.registry);
    assertEquals(written, RegistryAccess.lineage(decode(encoded)));
    int generationOffset = 2 + 2 + 12 + AuditSecret.BYTES + Lineage.ID_BYTES;
    byte[] zeroGeneration = encoded.clone();
    Arrays.fill(zeroGeneration, generationOffset, generationOffset + 8, (byte) 0);
    assertTrue(assertThrows(InvalidRegistryException.class, () -> decode(zeroGeneration)).getMessage()
        .contains("generation"));
    byte[] negative = encoded.clone();
    negative[generationOffset] = (byte) 0x80;
    assertThrows(InvalidRegistryException.class, () -> decode(negative));
  }
}
