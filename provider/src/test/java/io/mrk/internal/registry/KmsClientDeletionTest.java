package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyState;
import io.mrk.kms.KmsError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KmsClientDeletionTest {

  private final Fixture f = new Fixture();

  @Test
  void singleKeyIsDeletedAfterItsWindowWithItsAliases() throws Exception {
    String id = f.us.createKey(CreateKeyRequest.singleRegionKey("")).keyId().value();
    f.us.createAlias("alias/a", id);
    Instant now = f.clock.instant();
    var r = f.us.scheduleKeyDeletion(id, 7);
    assertEquals(KeyState.PENDING_DELETION, r.keyState());
    assertEquals(now.plus(Duration.ofDays(7)), r.deletionDate());
    assertEquals("arn:aws:kms:us-east-1:111122223333:key/" + id, r.keyId());
    assertEquals(7, f.us.describeKey(id).pendingDeletionWindowInDays());
    f.refused(KmsError.INVALID_STATE, () -> f.us.enableKey(id));
    f.refused(KmsError.INVALID_STATE, () -> f.us.scheduleKeyDeletion(id, 7));
    f.clock.advance(Duration.ofDays(7).minusSeconds(1));
    assertEquals(KeyState.PENDING_DELETION, f.us.describeKey(id).keyState());
    f.clock.advance(Duration.ofSeconds(1));
    f.refused(KmsError.NOT_FOUND, () -> f.us.describeKey(id));
    assertEquals(List.of(), f.us.listAliases(null));
  }

  @Test
  void windowBoundsAndDefault() throws Exception {
    String id = f.us.createKey(CreateKeyRequest.singleRegionKey("")).keyId().value();
    f.refused(KmsError.VALIDATION, () -> f.us.scheduleKeyDeletion(id, 6));
    f.refused(KmsError.VALIDATION, () -> f.us.scheduleKeyDeletion(id, 31));
    assertEquals(30, f.us.scheduleKeyDeletion(id, null).pendingWindowInDays());
  }

  @Test
  void cancelReturnsTheKeyDisabled() throws Exception {
    String id = f.us.createKey(CreateKeyRequest.singleRegionKey("")).keyId().value();
    f.refused(KmsError.INVALID_STATE, () -> f.us.cancelKeyDeletion(id));
    f.us.scheduleKeyDeletion(id, 7);
    assertEquals("arn:aws:kms:us-east-1:111122223333:key/" + id, f.us.cancelKeyDeletion(id));
    var m = f.us.describeKey(id);
    assertEquals(KeyState.DISABLED, m.keyState());
    assertNull(m.deletionDate());
    assertNull(m.pendingDeletionWindowInDays());
  }

  @Test
  void primaryWaitsForItsReplicasThenStartsItsWindow() throws Exception {
    String mrk = f.us.createKey(CreateKeyRequest.multiRegionKey("")).keyId().value();
    f.us.replicateKey(mrk, Fixture.EU_WEST_1, null);
    var r = f.us.scheduleKeyDeletion(mrk, 10);
    assertEquals(KeyState.PENDING_REPLICA_DELETION, r.keyState());
    assertNull(r.deletionDate());
    assertEquals(KeyState.ENABLED, f.eu.describeKey(mrk).keyState());
    f.refused(KmsError.INVALID_STATE, () -> f.us.replicateKey(mrk, Fixture.AP_SOUTHEAST_2, null));
    f.clock.advance(Duration.ofDays(100));
    assertEquals(KeyState.PENDING_REPLICA_DELETION, f.us.describeKey(mrk).keyState());
    f.eu.scheduleKeyDeletion(mrk, 7);
    Instant replicaGone = f.clock.instant().plus(Duration.ofDays(7));
    f.clock.advance(Duration.ofDays(8));
    f.refused(KmsError.NOT_FOUND, () -> f.eu.describeKey(mrk));
    var m = f.us.describeKey(mrk);
    assertEquals(KeyState.PENDING_DELETION, m.keyState());
    assertEquals(replicaGone.plus(Duration.ofDays(10)), m.deletionDate());
    f.clock.advance(Duration.ofDays(10));
    f.refused(KmsError.NOT_FOUND, () -> f.us.describeKey(mrk));
    assertEquals(List.of(), f.us.listKeys());
  }

  @Test
  void pendingDeletionRefusesChangesButListsTheKey() throws Exception {
    String id = f.us.createKey(CreateKeyRequest.singleRegionKey("")).keyId().value();
    f.us.scheduleKeyDeletion(id, 7);
    f.refused(KmsError.INVALID_STATE, () -> f.us.updateKeyDescription(id, "x"));
    f.refused(KmsError.INVALID_STATE, () -> f.us.tagResource(id, List.of()));
    f.refused(KmsError.INVALID_STATE, () -> f.us.createAlias("alias/x", id));
    f.refused(KmsError.INVALID_STATE, () -> f.us.disableKey(id));
    f.refused(KmsError.INVALID_STATE, () -> f.us.getKeyRotationStatus(id));
    assertEquals(1, f.us.listKeys().size());
  }
}
