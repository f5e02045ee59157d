package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.internal.key.KeyHandles;
import io.mrk.internal.key.KeyMaterialSource;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegistryMaterialSourceTest {

  private final Fixture f = new Fixture();

  private static void assertRefused(KmsError error, org.junit.jupiter.api.function.Executable call) {
    assertEquals(error, assertThrows(KmsException.class, call).error());
  }

  @Test
  void followsTheKeyStateOfItsRegion() throws Exception {
    String mrk = f.us.createKey(CreateKeyRequest.multiRegionKey("")).keyId().value();
    f.us.replicateKey(mrk, Fixture.EU_WEST_1, null);
    KeyMaterialSource us = KeyHandles.source(f.us.keyHandle(mrk), io.mrk.internal.key.TestSecrets.access());
    KeyMaterialSource eu = KeyHandles.source(f.eu.keyHandle("arn:aws:kms:eu-west-1:111122223333:key/" + mrk), io.mrk.internal.key.TestSecrets.access());
    assertEquals("eu-west-1", eu.keyArn().region());
    assertSame(us.encryptionMaterial(), eu.encryptionMaterial());
    assertSame(us.encryptionMaterial(), us.encryptionMaterial());
    f.us.disableKey(mrk);
    assertRefused(KmsError.DISABLED, us::encryptionMaterial);
    assertRefused(KmsError.DISABLED, us::checkCanDecrypt);
    eu.checkCanDecrypt();
    f.us.enableKey(mrk);
    f.us.rotateKeyOnDemand(mrk);
    assertEquals(2, eu.encryptionMaterial().version());
    assertEquals(1, eu.decryptionMaterial(1).version());
    var e = assertThrows(KmsException.class, () -> eu.decryptionMaterial(3));
    assertEquals(KmsError.INVALID_STATE, e.error());
    assertTrue(e.getMessage().contains("has not received key material version 3"), e.getMessage());
    f.eu.scheduleKeyDeletion(mrk, 7);
    e = assertThrows(KmsException.class, eu::encryptionMaterial);
    assertTrue(e.getMessage().contains("PendingDeletion"), e.getMessage());
    f.clock.advance(Duration.ofDays(7));
    assertRefused(KmsError.NOT_FOUND, eu::encryptionMaterial);
    f.us.scheduleKeyDeletion(mrk, 7);
    assertRefused(KmsError.INVALID_STATE, us::encryptionMaterial);
  }

  @Test
  void creatingReplicaCannotEncryptUntilSynchronised() throws Exception {
    Fixture slow = new Fixture(Duration.ofSeconds(3));
    String mrk = slow.us.createKey(CreateKeyRequest.multiRegionKey("")).keyId().value();
    slow.us.replicateKey(mrk, Fixture.EU_WEST_1, null);
    KeyMaterialSource eu = KeyHandles.source(slow.eu.keyHandle(mrk), io.mrk.internal.key.TestSecrets.access());
    var e = assertThrows(KmsException.class, eu::encryptionMaterial);
    assertTrue(e.getMessage().contains("Creating"), e.getMessage());
    slow.clock.advance(Duration.ofSeconds(3));
    assertEquals(1, eu.encryptionMaterial().version());
  }

  @Test
  void unknownKeyHasNoHandle() {
    f.refused(KmsError.NOT_FOUND, () -> f.us.keyHandle("mrk-00000000000000000000000000000000"));
  }
}
