package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.KeyRegistries;
import io.mrk.internal.policy.PolicyDocument;
import io.mrk.kms.Arn;
import io.mrk.kms.CreateGrantRequest;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.GrantConstraints;
import io.mrk.kms.KeyId;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KeyState;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.KmsQuotas;
import io.mrk.kms.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The quotas of {@link KmsQuotas}: each count quota refuses the first resource past it with
 * {@code LimitExceededException} and leaves the registry as it was; a decoded registry past a quota
 * is refused; and a key at every limit at once still encodes and decodes exactly.
 */
class QuotaTest {

  private static final int U16 = 0xFFFF;
  /** The most UTF-8 bytes one UTF-16 char can need (a supplementary character is two chars, four bytes). */
  private static final int UTF8_BYTES_PER_CHAR = 3;
  private static final String GRANTEE = "arn:aws:iam::111122223333:role/app";

  private final Fixture f = new Fixture();

  @Test
  void everyLimitFitsTheRegistryEncodingsFieldWidths() {
    // u16 counts: grants, tags and constraint pairs per key; u16 string lengths for everything else.
    assertTrue(KmsQuotas.MAX_GRANTS_PER_KEY <= U16);
    assertTrue(KmsQuotas.MAX_TAGS_PER_KEY <= U16);
    assertTrue(KmsQuotas.MAX_ON_DEMAND_ROTATIONS <= U16);
    assertTrue(KmsQuotas.MAX_POLICY_BYTES <= U16);
    for (int chars : new int[] {KmsQuotas.MAX_DESCRIPTION_CHARS, KmsQuotas.MAX_TAG_KEY_CHARS,
        KmsQuotas.MAX_TAG_VALUE_CHARS, KmsQuotas.MAX_ALIAS_NAME_CHARS, KmsQuotas.MAX_GRANT_NAME_CHARS,
        KmsQuotas.MAX_PRINCIPAL_CHARS, KmsQuotas.MAX_GRANT_CONSTRAINT_CHARS}) {
      assertTrue((long) chars * UTF8_BYTES_PER_CHAR <= U16, chars + " characters");
    }
    assertTrue(KmsQuotas.MAX_GRANT_CONSTRAINT_CHARS + 1 <= U16, "constraint pairs (each at least one char, one may be empty)");
  }

  @Test
  void theFiftyThousandthGrantIsCreatedAndTheNextIsLimitExceeded() throws Exception {
    String key = f.us.createKey(CreateKeyRequest.multiRegionKey("k")).keyId().value();
    addGrantsDirectly(key, KmsQuotas.MAX_GRANTS_PER_KEY - 1);
    f.us.createGrant(grant(key));
    KmsException e = f.refused(KmsError.LIMIT_EXCEEDED, () -> f.us.createGrant(grant(key)));
    assertTrue(e.getMessage().contains("50000 grants"), e.getMessage());

    KeyRegistry copy = decode(RegistryCodec.encode(f.registry));
    assertEquals(KmsQuotas.MAX_GRANTS_PER_KEY, copy.client(Fixture.US_EAST_1).listGrants(key).size());
  }

  @Test
  void aDecodedRegistryPastTheGrantQuotaIsRefused() throws Exception {
    String key = f.us.createKey(CreateKeyRequest.multiRegionKey("k")).keyId().value();
    addGrantsDirectly(key, KmsQuotas.MAX_GRANTS_PER_KEY + 1);
    byte[] payload = RegistryCodec.encode(f.registry);
    InvalidRegistryException e = assertThrows(InvalidRegistryException.class, () -> decode(payload));
    assertTrue(e.getMessage().contains("grants"), e.getMessage());
  }

  @Test
  void theFiftyFirstAliasOfAKeyIsLimitExceeded() throws Exception {
    String key = f.us.createKey(CreateKeyRequest.multiRegionKey("k")).keyId().value();
    String other = f.us.createKey(CreateKeyRequest.multiRegionKey("other")).keyId().value();
    for (int i = 0; i < KmsQuotas.MAX_ALIASES_PER_KEY; i++) {
      f.us.createAlias("alias/a" + i, key);
    }
    f.refused(KmsError.LIMIT_EXCEEDED, () -> f.us.createAlias("alias/one-more", key));
    f.us.createAlias("alias/elsewhere", other);
    f.refused(KmsError.LIMIT_EXCEEDED, () -> f.us.updateAlias("alias/elsewhere", key));
    f.us.updateAlias("alias/a0", key);
    f.eu.createKey(CreateKeyRequest.singleRegionKey("aliases are per Region"));
  }

  @Test
  void aRegionHoldsAtMostTheKeyQuota() throws Exception {
    PolicyDocument policy = KeyPolicies.orDefault(null,
        Arn.forKey(Fixture.US_EAST_1, io.mrk.kms.AccountId.DEFAULT, KeyId.of("mrk-" + "0".repeat(32))),
        io.mrk.kms.AccountId.DEFAULT);
    Map<KeyLocation, RegionalKey> regional = new HashMap<>();
    for (int i = 0; i < KmsQuotas.MAX_KEYS_PER_REGION - 1; i++) {
      KeyId id = KeyId.of(String.format("%08x-0000-4000-8000-%012x", i, i));
      regional.put(new KeyLocation(Fixture.US_EAST_1, id), RegionalKey.create(Fixture.US_EAST_1, id, Instant.EPOCH,
          "", policy, Map.of(), KeyState.ENABLED, null, null));
    }
    Snapshot almostFull = new Snapshot(Map.of(), regional, Map.of());
    QuotaRules.requireRoomForKey(almostFull, Fixture.US_EAST_1);
    QuotaRules.requireRoomForKey(almostFull, Fixture.EU_WEST_1);
    KeyId last = KeyId.of("ffffffff-0000-4000-8000-000000000000");
    regional.put(new KeyLocation(Fixture.US_EAST_1, last), RegionalKey.create(Fixture.US_EAST_1, last, Instant.EPOCH,
        "", policy, Map.of(), KeyState.ENABLED, null, null));
    KmsException e = assertThrows(KmsException.class,
        () -> QuotaRules.requireRoomForKey(new Snapshot(Map.of(), regional, Map.of()), Fixture.US_EAST_1));
    assertEquals(KmsError.LIMIT_EXCEEDED, e.error());
  }

  @Test
  void aKeyAtEveryLimitAtOnceEncodesAndDecodesExactly() throws Exception {
    String euro = "\u20ac";
    List<Tag> tags = new ArrayList<>();
    for (int i = 0; i < KmsQuotas.MAX_TAGS_PER_KEY; i++) {
      String n = String.format("%02d", i);
      tags.add(new Tag(n + euro.repeat(KmsQuotas.MAX_TAG_KEY_CHARS - 2), euro.repeat(KmsQuotas.MAX_TAG_VALUE_CHARS)));
    }
    String policy = policyOfExactly(KmsQuotas.MAX_POLICY_BYTES);
    String key = f.us.createKey(new CreateKeyRequest(true, euro.repeat(KmsQuotas.MAX_DESCRIPTION_CHARS), policy, tags,
        null, null, null)).keyId().value();
    f.us.createAlias("alias/" + "a".repeat(KmsQuotas.MAX_ALIAS_NAME_CHARS - 6), key);
    Map<String, String> context = new TreeMap<>(Map.of("k", euro.repeat(KmsQuotas.MAX_GRANT_CONSTRAINT_CHARS - 1)));
    String principal = "arn:aws:iam::111122223333:role/" + "r".repeat(KmsQuotas.MAX_PRINCIPAL_CHARS - 31);
    f.us.createGrant(new CreateGrantRequest(key, principal, List.of("Encrypt"), principal,
        new GrantConstraints(context, null), "n".repeat(KmsQuotas.MAX_GRANT_NAME_CHARS)));

    byte[] payload = RegistryCodec.encode(f.registry);
    KmsClient copy = decode(payload).client(Fixture.US_EAST_1);
    assertEquals(policy, copy.getKeyPolicy(key, "default"));
    assertEquals(f.us.describeKey(key), copy.describeKey(key));
    assertEquals(f.us.listResourceTags(key), copy.listResourceTags(key));
    assertEquals(f.us.listGrants(key), copy.listGrants(key));
    assertEquals(f.us.listAliases(key), copy.listAliases(key));
    assertEquals(java.util.Arrays.toString(payload), java.util.Arrays.toString(RegistryCodec.encode(decode(payload))));
  }

  @Test
  void aPolicyOneByteOverTheLimitIsRefused() {
    f.refused(KmsError.MALFORMED_POLICY_DOCUMENT, () -> f.us.createKey(new CreateKeyRequest(true, "",
        policyOfExactly(KmsQuotas.MAX_POLICY_BYTES + 1), List.of(), null, null, null)));
  }

  /** A valid policy of exactly {@code bytes} UTF-8 bytes (padded in its Id, partly with two-byte characters). */
  static String policyOfExactly(int bytes) {
    String head = "{\"Version\":\"2012-10-17\",\"Id\":\"";
    String tail = "\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
    int pad = bytes - head.length() - tail.length();
    String padding = "\u00e9".repeat(pad / 2) + "x".repeat(pad % 2);
    String policy = head + padding + tail;
    assertEquals(bytes, policy.getBytes(StandardCharsets.UTF_8).length);
    return policy;
  }

  private static CreateGrantRequest grant(String key) {
    return new CreateGrantRequest(key, GRANTEE, List.of("Encrypt"), null, null, null);
  }

  /** Adds {@code n} grants to {@code key} in us-east-1 without the operation (which would stop at the quota). */
  private void addGrantsDirectly(String key, int n) throws Exception {
    LocalKeyRegistry local = (LocalKeyRegistry) f.registry;
    local.mutate((s, now) -> {
      RegionalKey k = s.regional(Fixture.US_EAST_1, KeyId.of(key));
      List<Grant> grants = new ArrayList<>(k.grants());
      for (int i = 0; i < n; i++) {
        String id = String.format("%064x", i);
        grants.add(new Grant(id, "token-" + i, null, now, GRANTEE, null, List.of("Encrypt"), GrantConstraints.NONE));
      }
      return new LocalKeyRegistry.Outcome<>(s.with(k.withGrants(grants)), null);
    });
  }

  private static KeyRegistry decode(byte[] payload) throws InvalidRegistryException {
    return RegistryCodec.decode(payload, KeyRegistries.builder());
  }
}
