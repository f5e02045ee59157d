package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.KeyRegistries;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyMetadata;
import io.mrk.kms.KeyState;
import io.mrk.kms.KmsError;
import io.mrk.kms.MultiRegionKeyType;
import io.mrk.kms.ReplicateKeyRequest;
import io.mrk.kms.ReplicateKeyResult;
import io.mrk.kms.Tag;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class KmsClientLifecycleTest {

  private final Fixture f = new Fixture();

  @Test
  void createsMultiRegionPrimaryEnabled() throws Exception {
    KeyMetadata m = f.us.createKey(CreateKeyRequest.multiRegionKey("orders"));
    assertTrue(m.keyId().isMultiRegion());
    assertEquals(KeyState.ENABLED, m.keyState());
    assertTrue(m.enabled());
    assertTrue(m.multiRegion());
    assertEquals(MultiRegionKeyType.PRIMARY, m.multiRegionConfiguration().multiRegionKeyType());
    assertEquals("arn:aws:kms:us-east-1:111122223333:key/" + m.keyId(), m.arn());
    assertEquals(List.of(), m.multiRegionConfiguration().replicaKeys());
    assertEquals("orders", m.description());
    assertEquals(64, m.currentKeyMaterialId().length());
  }

  @Test
  void createsSingleRegionKeyWithoutConfiguration() throws Exception {
    KeyMetadata m = f.us.createKey(CreateKeyRequest.singleRegionKey(""));
    assertFalse(m.keyId().isMultiRegion());
    assertFalse(m.multiRegion());
    assertNull(m.multiRegionConfiguration());
  }

  @Test
  void replicaSharesIdAndReportsTheWholeSet() throws Exception {
    KeyMetadata p = f.us.createKey(CreateKeyRequest.multiRegionKey("p"));
    ReplicateKeyResult r = f.us.replicateKey(p.keyId().value(), Fixture.EU_WEST_1,
        new ReplicateKeyRequest("replica", null, List.of(new Tag("team", "eu"))));
    f.us.replicateKey(p.arn(), Fixture.AP_SOUTHEAST_2, ReplicateKeyRequest.DEFAULTS);
    assertEquals(p.keyId(), r.replicaKeyMetadata().keyId());
    assertEquals(List.of(new Tag("team", "eu")), r.replicaTags());
    for (var client : List.of(f.us, f.eu, f.ap)) {
      KeyMetadata m = client.describeKey(p.keyId().value());
      assertEquals(p.arn(), m.multiRegionConfiguration().primaryKey().arn());
      assertEquals(List.of(Fixture.AP_SOUTHEAST_2, Fixture.EU_WEST_1),
          m.multiRegionConfiguration().replicaKeys().stream().map(k -> k.region()).toList());
      assertEquals(p.currentKeyMaterialId(), m.currentKeyMaterialId());
    }
    assertEquals("replica", f.eu.describeKey(p.keyId().value()).description());
    assertEquals("", f.ap.describeKey(p.keyId().value()).description());
    assertEquals(List.of(), f.ap.listResourceTags(p.keyId().value()));
    assertTrue(f.eu.getKeyPolicy(p.keyId().value(), "default").contains("arn:aws:iam::111122223333:root"));
  }

  @Test
  void replicateRefusals() throws Exception {
    String mrk = f.us.createKey(CreateKeyRequest.multiRegionKey("")).keyId().value();
    String single = f.us.createKey(CreateKeyRequest.singleRegionKey("")).keyId().value();
    f.us.replicateKey(mrk, Fixture.EU_WEST_1, null);
    f.refused(KmsError.UNSUPPORTED_OPERATION, () -> f.us.replicateKey(single, Fixture.EU_WEST_1, null));
    var e = f.refused(KmsError.UNSUPPORTED_OPERATION, () -> f.eu.replicateKey(mrk, Fixture.AP_SOUTHEAST_2, null));
    assertTrue(e.getMessage().contains("us-east-1"), e.getMessage());
    f.refused(KmsError.ALREADY_EXISTS, () -> f.us.replicateKey(mrk, Fixture.EU_WEST_1, null));
    f.refused(KmsError.ALREADY_EXISTS, () -> f.us.replicateKey(mrk, Fixture.US_EAST_1, null));
    f.refused(KmsError.UNSUPPORTED_OPERATION, () -> f.us.replicateKey(mrk, Fixture.CN_NORTH_1, null));
    f.eu.scheduleKeyDeletion(mrk, 7);
    f.refused(KmsError.ALREADY_EXISTS, () -> f.us.replicateKey(mrk, Fixture.EU_WEST_1, null));
    f.us.disableKey(mrk);
    e = f.refused(KmsError.DISABLED, () -> f.us.replicateKey(mrk, Fixture.AP_SOUTHEAST_2, null));
    assertEquals("arn:aws:kms:us-east-1:111122223333:key/" + mrk + " is disabled.", e.getMessage());
  }

  @Test
  void deletedReplicaCanBeReplicatedAgain() throws Exception {
    String mrk = f.us.createKey(CreateKeyRequest.multiRegionKey("")).keyId().value();
    f.us.replicateKey(mrk, Fixture.EU_WEST_1, null);
    f.eu.scheduleKeyDeletion(mrk, 7);
    f.clock.advance(Duration.ofDays(7));
    f.refused(KmsError.NOT_FOUND, () -> f.eu.describeKey(mrk));
    assertEquals(List.of(), f.us.describeKey(mrk).multiRegionConfiguration().replicaKeys());
    f.us.replicateKey(mrk, Fixture.EU_WEST_1, null);
    assertEquals(KeyState.ENABLED, f.eu.describeKey(mrk).keyState());
  }

  @Test
  void replicaIsCreatingForTheReplicationDelay() throws Exception {
    Fixture slow = new Fixture(Duration.ofSeconds(5));
    String mrk = slow.us.createKey(CreateKeyRequest.multiRegionKey("")).keyId().value();
    assertEquals(KeyState.CREATING,
        slow.us.replicateKey(mrk, Fixture.EU_WEST_1, null).replicaKeyMetadata().keyState());
    slow.refused(KmsError.INVALID_STATE, () -> slow.eu.disableKey(mrk));
    slow.clock.advance(Duration.ofSeconds(5));
    assertEquals(KeyState.ENABLED, slow.eu.describeKey(mrk).keyState());
  }

  @Test
  void updatePrimaryRegionSwapsRoles() throws Exception {
    Fixture slow = new Fixture(Duration.ofSeconds(5));
    String mrk = slow.us.createKey(CreateKeyRequest.multiRegionKey("")).keyId().value();
    slow.us.replicateKey(mrk, Fixture.EU_WEST_1, null);
    slow.us.replicateKey(mrk, Fixture.AP_SOUTHEAST_2, null);
    slow.clock.advance(Duration.ofSeconds(5));
    slow.us.updatePrimaryRegion(mrk, Fixture.EU_WEST_1);
    assertEquals(KeyState.UPDATING, slow.us.describeKey(mrk).keyState());
    assertEquals(KeyState.UPDATING, slow.eu.describeKey(mrk).keyState());
    assertEquals(KeyState.ENABLED, slow.ap.describeKey(mrk).keyState());
    slow.refused(KmsError.INVALID_STATE, () -> slow.us.disableKey(mrk));
    slow.refused(KmsError.INVALID_STATE, () -> slow.eu.scheduleKeyDeletion(mrk, null));
    slow.clock.advance(Duration.ofSeconds(5));
    for (var c : List.of(slow.us, slow.eu, slow.ap)) {
      var config = c.describeKey(mrk).multiRegionConfiguration();
      assertEquals(Fixture.EU_WEST_1, config.primaryKey().region());
      assertEquals(List.of(Fixture.AP_SOUTHEAST_2, Fixture.US_EAST_1),
          config.replicaKeys().stream().map(k -> k.region()).toList());
      assertEquals(KeyState.ENABLED, c.describeKey(mrk).keyState());
    }
    assertEquals(MultiRegionKeyType.REPLICA, slow.us.describeKey(mrk).multiRegionConfiguration().multiRegionKeyType());
    slow.refused(KmsError.UNSUPPORTED_OPERATION, () -> slow.us.enableKeyRotation(mrk, null));
    slow.eu.enableKeyRotation(mrk, null);
  }

  @Test
  void updatePrimaryRegionRefusals() throws Exception {
    String mrk = f.us.createKey(CreateKeyRequest.multiRegionKey("")).keyId().value();
    String single = f.us.createKey(CreateKeyRequest.singleRegionKey("")).keyId().value();
    f.refused(KmsError.NOT_FOUND, () -> f.us.updatePrimaryRegion(mrk, Fixture.EU_WEST_1));
    f.refused(KmsError.UNSUPPORTED_OPERATION, () -> f.us.updatePrimaryRegion(single, Fixture.EU_WEST_1));
    f.us.replicateKey(mrk, Fixture.EU_WEST_1, null);
    f.refused(KmsError.UNSUPPORTED_OPERATION, () -> f.eu.updatePrimaryRegion(mrk, Fixture.US_EAST_1));
    f.eu.disableKey(mrk);
    f.refused(KmsError.DISABLED, () -> f.us.updatePrimaryRegion(mrk, Fixture.EU_WEST_1));
    f.eu.enableKey(mrk);
    f.us.disableKey(mrk);
    f.refused(KmsError.DISABLED, () -> f.us.updatePrimaryRegion(mrk, Fixture.EU_WEST_1));
  }

  @Test
  void enableAndDisableAffectOneRegionOnly() throws Exception {
    String mrk = f.us.createKey(CreateKeyRequest.multiRegionKey("")).keyId().value();
    f.us.replicateKey(mrk, Fixture.EU_WEST_1, null);
    f.us.disableKey(mrk);
    assertEquals(KeyState.DISABLED, f.us.describeKey(mrk).keyState());
    assertEquals(KeyState.ENABLED, f.eu.describeKey(mrk).keyState());
    f.us.enableKey(mrk);
    assertEquals(KeyState.ENABLED, f.us.describeKey(mrk).keyState());
  }

  @Test
  void createKeyValidation() {
    f.refused(KmsError.VALIDATION, () -> f.us.createKey(CreateKeyRequest.multiRegionKey("x".repeat(8193))));
    f.refused(KmsError.MALFORMED_POLICY_DOCUMENT, () -> f.us.createKey(
        new CreateKeyRequest(true, "", "[1]", null, null, null, null)));
    f.refused(KmsError.MALFORMED_POLICY_DOCUMENT, () -> f.us.createKey(
        new CreateKeyRequest(true, "", "{", null, null, null, null)));
    f.refused(KmsError.MALFORMED_POLICY_DOCUMENT, () -> f.us.createKey(
        new CreateKeyRequest(true, "", "{\"a\":\"" + "x".repeat(32768) + "\"}", null, null, null, null)));
    f.refused(KmsError.UNSUPPORTED_OPERATION, () -> f.us.createKey(
        new CreateKeyRequest(true, "", null, null, null, "RSA_2048", null)));
    f.refused(KmsError.UNSUPPORTED_OPERATION, () -> f.us.createKey(
        new CreateKeyRequest(true, "", null, null, null, null, "EXTERNAL")));
  }

  @Test
  void resolvesIdsArnsAndAliases() throws Exception {
    KeyMetadata m = f.us.createKey(CreateKeyRequest.multiRegionKey(""));
    f.us.createAlias("alias/orders", m.keyId().value());
    String id = m.keyId().value();
    assertEquals(m.keyId(), f.us.describeKey(m.arn()).keyId());
    assertEquals(m.keyId(), f.us.describeKey("alias/orders").keyId());
    assertEquals(m.keyId(), f.us.describeKey("arn:aws:kms:us-east-1:111122223333:alias/orders").keyId());
    f.refused(KmsError.NOT_FOUND, () -> f.eu.describeKey(id));
    f.refused(KmsError.NOT_FOUND, () -> f.us.describeKey(m.arn().replace("us-east-1", "eu-west-1")));
    f.refused(KmsError.NOT_FOUND, () -> f.us.describeKey(m.arn().replace("111122223333", "444455556666")));
    f.refused(KmsError.NOT_FOUND, () -> f.us.describeKey("alias/none"));
    f.refused(KmsError.INVALID_ARN, () -> f.us.describeKey("arn:aws:kms:us-east-1"));
    f.refused(KmsError.VALIDATION, () -> f.us.describeKey("not-a-key"));
    f.refused(KmsError.VALIDATION, () -> f.us.describeKey(null));
  }

  @Test
  void listKeysIsPerRegionAndOrdered() throws Exception {
    String a = f.us.createKey(CreateKeyRequest.multiRegionKey("")).keyId().value();
    String b = f.us.createKey(CreateKeyRequest.singleRegionKey("")).keyId().value();
    var ids = f.us.listKeys().stream().map(k -> k.keyId().value()).toList();
    assertEquals(List.of(a, b).stream().sorted().toList(), ids);
    assertEquals(List.of(), f.eu.listKeys());
    assertEquals(java.util.Set.of(Fixture.US_EAST_1), f.registry.regions());
  }

  @Test
  void tagsDescriptionAndPolicyAreIndependent() throws Exception {
    String mrk = f.us.createKey(CreateKeyRequest.multiRegionKey("")).keyId().value();
    f.us.replicateKey(mrk, Fixture.EU_WEST_1, null);
    f.us.tagResource(mrk, List.of(new Tag("b", "2"), new Tag("a", "1")));
    f.us.untagResource(mrk, List.of("b", "missing"));
    f.us.updateKeyDescription(mrk, "us only");
    f.us.putKeyPolicy(mrk, "default", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"us only\","
        + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}");
    assertEquals(List.of(new Tag("a", "1")), f.us.listResourceTags(mrk));
    assertEquals(List.of(), f.eu.listResourceTags(mrk));
    assertEquals("", f.eu.describeKey(mrk).description());
    assertEquals("us only", f.us.describeKey(mrk).description());
    assertTrue(f.us.getKeyPolicy(mrk, "default").contains("us only"));
    assertFalse(f.eu.getKeyPolicy(mrk, "default").contains("us only"));
    f.refused(KmsError.VALIDATION, () -> f.us.getKeyPolicy(mrk, "other"));
    f.refused(KmsError.TAG, () -> f.us.tagResource(mrk, List.of(new Tag("x", "1"), new Tag("x", "2"))));
    List<Tag> many = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      many.add(new Tag("k" + i, ""));
    }
    f.refused(KmsError.TAG, () -> f.us.tagResource(mrk, many));
    f.us.tagResource(mrk, many.subList(0, 49));
    f.refused(KmsError.TAG, () -> f.us.tagResource(mrk, List.of(new Tag("one-more", ""))));
  }

  @Test
  void builderValidatesAtOnce() {
    var b = io.mrk.KeyRegistries.builder();
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> b.replicationDelay(Duration.ofSeconds(-1)));
    org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class, () -> b.clock(null));
    b.account(io.mrk.kms.AccountId.DEFAULT);
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> b.account(io.mrk.kms.AccountId.DEFAULT));
  }
}
