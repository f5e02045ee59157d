package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.internal.audit.AuditEvent;
import io.mrk.kms.CreateGrantRequest;
import io.mrk.kms.CreateGrantResult;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsException;
import io.mrk.kms.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/** Every operation kind reaches the audit sink, in the Region where it ran, as the caller. */
class RegistryAuditTest {

  private final Fixture f = new Fixture();
  private final List<AuditEvent> events = new ArrayList<>();

  private List<String> names(String region) {
    return events.stream().filter(e -> e.region().code().equals(region)).map(AuditEvent::eventName).toList();
  }

  @Test
  void everyOperationKindIsRecordedInItsRegion() throws Exception {
    RegistryAccess.audit(f.registry, events::add);
    String id = f.us.createKey(CreateKeyRequest.multiRegionKey("")).keyId().value();
    f.us.replicateKey(id, Fixture.EU_WEST_1, null);
    f.us.describeKey(id);
    f.us.listKeys();
    f.us.createAlias("alias/a", id);
    f.us.updateAlias("alias/a", id);
    f.us.listAliases(id);
    f.us.deleteAlias("alias/a");
    f.us.disableKey(id);
    f.us.enableKey(id);
    f.us.enableKeyRotation(id, 90);
    f.us.getKeyRotationStatus(id);
    f.us.disableKeyRotation(id);
    f.us.rotateKeyOnDemand(id);
    f.us.listKeyRotations(id);
    f.us.tagResource(id, List.of(new Tag("a", "1")));
    f.us.untagResource(id, List.of("a"));
    f.us.listResourceTags(id);
    f.us.updateKeyDescription(id, "d");
    f.us.putKeyPolicy(id, "default", f.us.getKeyPolicy(id, "default"));
    CreateGrantResult grant = f.us.createGrant(new CreateGrantRequest(id, "arn:aws:iam::111122223333:role/g",
        List.of("Encrypt"), null, null, null));
    f.us.listGrants(id);
    f.us.revokeGrant(id, grant.grantId());
    CreateGrantResult retired = f.us.createGrant(new CreateGrantRequest(id, "arn:aws:iam::111122223333:role/g",
        List.of("Encrypt"), null, null, null));
    f.us.retireGrant(retired.grantToken(), null, null);
    Cipher.getInstance("AES/GCM/NoPadding", new io.mrk.MrkProvider()).init(Cipher.ENCRYPT_MODE, f.us.keyHandle(id));
    f.us.updatePrimaryRegion(id, Fixture.EU_WEST_1);
    f.us.scheduleKeyDeletion(id, 7);
    f.us.cancelKeyDeletion(id);
    assertThrows(KmsException.class, () -> f.us.describeKey("alias/none"));

    assertEquals(List.of("CreateKey", "ReplicateKey", "DescribeKey", "ListKeys", "CreateAlias", "UpdateAlias",
        "ListAliases", "DeleteAlias", "DisableKey", "EnableKey", "EnableKeyRotation", "GetKeyRotationStatus",
        "DisableKeyRotation", "RotateKeyOnDemand", "ListKeyRotations", "TagResource", "UntagResource",
        "ListResourceTags", "UpdateKeyDescription", "GetKeyPolicy", "PutKeyPolicy", "CreateGrant", "ListGrants",
        "RevokeGrant", "CreateGrant", "RetireGrant", "Encrypt", "UpdatePrimaryRegion", "ScheduleKeyDeletion",
        "CancelKeyDeletion", "DescribeKey"), names("us-east-1"));
    assertEquals(List.of("CreateKey", "UpdatePrimaryRegion"), names("eu-west-1"));
    AuditEvent refused = events.get(events.size() - 1);
    assertEquals("NotFoundException", refused.errorCode());
    Set<String> identities = new TreeSet<>();
    events.forEach(e -> identities.add(e.userIdentity().type() + " " + e.userIdentity().arn()));
    assertEquals(Set.of("Root arn:aws:iam::111122223333:root"), identities);
    for (AuditEvent e : events) {
      assertFalse(String.valueOf(e.requestParameters()).contains(retired.grantToken()), "grant token logged");
    }
  }

  @Test
  void refusalsAreRecordedAsTheNamedPrincipal() throws Exception {
    String id = f.us.createKey(CreateKeyRequest.multiRegionKey("")).keyId().value();
    RegistryAccess.audit(f.registry, events::add);
    KmsClient app = RegistryAccess.client(f.registry, Fixture.US_EAST_1, "arn:aws:iam::111122223333:role/app");
    assertThrows(KmsException.class, () -> app.disableKey(id));
    assertEquals(1, events.size());
    AuditEvent e = events.get(0);
    assertEquals("AccessDeniedException", e.errorCode());
    assertEquals("AssumedRole", e.userIdentity().type());
    assertTrue(e.errorMessage().contains("kms:DisableKey"));
  }

  @Test
  void aCipherReinitialisedPerMessageIsOneBindingUntilTheRegistryChanges() throws Exception {
    String id = f.us.createKey(CreateKeyRequest.multiRegionKey("")).keyId().value();
    RegistryAccess.audit(f.registry, events::add);
    io.mrk.MrkKey key = f.us.keyHandle(id);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", new io.mrk.MrkProvider());
    for (int i = 0; i < 5; i++) {
      cipher.init(Cipher.ENCRYPT_MODE, key);
      cipher.doFinal(new byte[16]);
    }
    assertEquals(List.of("Encrypt"), names("us-east-1"));
    f.us.tagResource(id, List.of(new Tag("a", "1")));
    cipher.init(Cipher.ENCRYPT_MODE, key);
    cipher.init(Cipher.ENCRYPT_MODE, key);
    assertEquals(List.of("Encrypt", "TagResource", "Encrypt"), names("us-east-1"));
    f.us.disableKey(id);
    assertThrows(java.security.InvalidKeyException.class, () -> cipher.init(Cipher.ENCRYPT_MODE, key));
    assertEquals("DisabledException", events.get(events.size() - 1).errorCode());
  }
}
