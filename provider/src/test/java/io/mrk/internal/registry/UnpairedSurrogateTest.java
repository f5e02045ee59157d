package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.KeyRegistries;
import io.mrk.kms.CreateGrantRequest;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.GrantConstraints;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.ReplicateKeyRequest;
import io.mrk.kms.Tag;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Text that has no exact UTF-8 form (an unpaired surrogate) is refused where it enters, with an
 * error that says so, instead of being stored as {@code ?}: two tag keys that differed only there
 * once made the keystore file unloadable. Paired surrogates (emoji) are stored exactly.
 */
class UnpairedSurrogateTest {

  private static final String GRANTEE = "arn:aws:iam::111122223333:role/app";
  private final Fixture f = new Fixture();

  @Test
  void tagsWithUnpairedSurrogatesAreRefusedAndTheFileStaysLoadable() throws Exception {
    String key = f.us.createKey(CreateKeyRequest.multiRegionKey("k")).keyId().value();
    KmsException e = assertThrows(KmsException.class, () -> Tag.of("t\ud800", "v"));
    assertEquals(KmsError.TAG, e.error());
    assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Tag("t\udc00", "v"));
    assertThrows(IllegalArgumentException.class, () -> new Tag("t", "v\ud800"));
    f.us.tagResource(key, List.of(new Tag("t\ud83d\ude00", "\ud83d\ude00"), new Tag("t", "v")));

    KmsClient copy = decode(RegistryCodec.encode(f.registry)).client(Fixture.US_EAST_1);
    assertEquals(List.of(new Tag("t", "v"), new Tag("t\ud83d\ude00", "\ud83d\ude00")), copy.listResourceTags(key));
  }

  @Test
  void descriptionsWithUnpairedSurrogatesAreRefused() throws Exception {
    assertUnpaired(KmsError.VALIDATION, () -> f.us.createKey(CreateKeyRequest.multiRegionKey("d\ud800")));
    String key = f.us.createKey(CreateKeyRequest.multiRegionKey("d\ud83d\ude00")).keyId().value();
    assertUnpaired(KmsError.VALIDATION, () -> f.us.updateKeyDescription(key, "\udc00"));
    assertUnpaired(KmsError.VALIDATION, () -> f.us.replicateKey(key, Fixture.EU_WEST_1,
        new ReplicateKeyRequest("r\ud800", null, null)));
    assertEquals("d\ud83d\ude00", decode(RegistryCodec.encode(f.registry)).client(Fixture.US_EAST_1)
        .describeKey(key).description());
  }

  @Test
  void policiesWithUnpairedSurrogatesAreRefused() throws Exception {
    String key = f.us.createKey(CreateKeyRequest.multiRegionKey("k")).keyId().value();
    for (String sid : List.of("\ud800", "\\ud800", "x\\udc00", "\\udc00\\ud800")) {
      String policy = "{\"Statement\":{\"Sid\":\"" + sid + "\",\"Effect\":\"Allow\",\"Principal\":\"*\","
          + "\"Action\":\"kms:*\",\"Resource\":\"*\"}}";
      f.refused(KmsError.MALFORMED_POLICY_DOCUMENT, () -> f.us.putKeyPolicy(key, "default", policy));
    }
  }

  @Test
  void grantPrincipalsAndConstraintsWithUnpairedSurrogatesAreRefused() throws Exception {
    String key = f.us.createKey(CreateKeyRequest.multiRegionKey("k")).keyId().value();
    assertUnpaired(KmsError.VALIDATION, () -> f.us.createGrant(new CreateGrantRequest(key, GRANTEE + "\ud800",
        List.of("Encrypt"), null, null, null)));
    assertUnpaired(KmsError.VALIDATION, () -> f.us.createGrant(new CreateGrantRequest(key, GRANTEE,
        List.of("Encrypt"), "r\udc00", null, null)));
    assertUnpaired(KmsError.VALIDATION, () -> f.us.createGrant(new CreateGrantRequest(key, GRANTEE,
        List.of("Encrypt"), null, new GrantConstraints(Map.of("k", "v\ud800"), null), null)));
    assertUnpaired(KmsError.VALIDATION, () -> f.us.createGrant(new CreateGrantRequest(key, GRANTEE,
        List.of("Encrypt"), null, new GrantConstraints(null, Map.of("\udc00", "v")), null)));
    f.refused(KmsError.VALIDATION, () -> f.us.createGrant(new CreateGrantRequest(key, GRANTEE,
        List.of("Encrypt"), null, null, "name\ud800")));
  }

  @Test
  void aliasNamesWithSurrogatesAreRefused() throws Exception {
    String key = f.us.createKey(CreateKeyRequest.multiRegionKey("k")).keyId().value();
    f.refused(KmsError.VALIDATION, () -> f.us.createAlias("alias/a\ud800", key));
  }

  private void assertUnpaired(KmsError error, org.junit.jupiter.api.function.Executable call) {
    KmsException e = f.refused(error, call);
    assertTrue(e.getMessage().contains("unpaired surrogate"), e.getMessage());
  }

  private static KeyRegistry decode(byte[] payload) throws InvalidRegistryException {
    return RegistryCodec.decode(payload, KeyRegistries.builder());
  }
}
