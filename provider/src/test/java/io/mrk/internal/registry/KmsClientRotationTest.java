package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyRotation;
import io.mrk.kms.KmsError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KmsClientRotationTest {

  private final Fixture f = new Fixture();
  private String mrk;

  @BeforeEach
  void createReplicatedKey() throws Exception {
    mrk = f.us.createKey(CreateKeyRequest.multiRegionKey("")).keyId().value();
    f.us.replicateKey(mrk, Fixture.EU_WEST_1, null);
  }

  @Test
  void automaticRotationAddsOneVersionPerPeriodSeenEverywhere() throws Exception {
    Instant enabledAt = f.clock.instant();
    f.us.enableKeyRotation(mrk, 90);
    var status = f.eu.getKeyRotationStatus(mrk);
    assertTrue(status.keyRotationEnabled());
    assertEquals(90, status.rotationPeriodInDays());
    assertEquals(enabledAt.plus(Duration.ofDays(90)), status.nextRotationDate());
    f.clock.advance(Duration.ofDays(200));
    List<KeyRotation> rotations = f.eu.listKeyRotations(mrk);
    assertEquals(List.of(2, 3), rotations.stream().map(KeyRotation::materialVersion).toList());
    assertEquals(enabledAt.plus(Duration.ofDays(90)), rotations.get(0).rotationDate());
    assertEquals(enabledAt.plus(Duration.ofDays(180)), rotations.get(1).rotationDate());
    assertEquals("AUTOMATIC", rotations.get(0).rotationType());
    assertEquals(rotations, f.us.listKeyRotations(mrk));
    assertEquals(rotations.get(1).keyMaterialId(), f.eu.describeKey(mrk).currentKeyMaterialId());
  }

  @Test
  void disabledPrimaryIsNotRotated() throws Exception {
    f.us.enableKeyRotation(mrk, 90);
    f.us.disableKey(mrk);
    f.clock.advance(Duration.ofDays(300));
    assertEquals(List.of(), f.eu.listKeyRotations(mrk));
    Instant enabledAgain = f.clock.instant();
    f.us.enableKey(mrk);
    f.clock.advance(Duration.ofDays(1));
    List<KeyRotation> rotations = f.eu.listKeyRotations(mrk);
    assertEquals(1, rotations.size());
    assertEquals(enabledAgain, rotations.get(0).rotationDate());
    assertEquals(enabledAgain.plus(Duration.ofDays(90)), f.us.getKeyRotationStatus(mrk).nextRotationDate());
  }

  @Test
  void rotationSettingsOnlyThroughThePrimary() {
    for (var call : List.<org.junit.jupiter.api.function.Executable>of(
        () -> f.eu.enableKeyRotation(mrk, null), () -> f.eu.disableKeyRotation(mrk),
        () -> f.eu.rotateKeyOnDemand(mrk))) {
      var e = f.refused(KmsError.UNSUPPORTED_OPERATION, call);
      assertTrue(e.getMessage().contains("us-east-1"), e.getMessage());
    }
  }

  @Test
  void rotationPeriodBounds() throws Exception {
    f.refused(KmsError.VALIDATION, () -> f.us.enableKeyRotation(mrk, 89));
    f.refused(KmsError.VALIDATION, () -> f.us.enableKeyRotation(mrk, 2561));
    f.us.enableKeyRotation(mrk, 2560);
    f.us.enableKeyRotation(mrk, null);
    assertEquals(365, f.us.getKeyRotationStatus(mrk).rotationPeriodInDays());
    f.us.disableKeyRotation(mrk);
    var status = f.us.getKeyRotationStatus(mrk);
    assertFalse(status.keyRotationEnabled());
    assertNull(status.rotationPeriodInDays());
    assertNull(status.nextRotationDate());
  }

  @Test
  void onDemandRotationLimitAndConflict() throws Exception {
    for (int i = 0; i < 25; i++) {
      assertEquals(mrk, f.us.rotateKeyOnDemand(mrk));
    }
    List<KeyRotation> rotations = f.eu.listKeyRotations(mrk);
    assertEquals(25, rotations.size());
    assertEquals("ON_DEMAND", rotations.get(24).rotationType());
    f.refused(KmsError.LIMIT_EXCEEDED, () -> f.us.rotateKeyOnDemand(mrk));

    String other = f.us.createKey(CreateKeyRequest.singleRegionKey("")).keyId().value();
    f.us.enableKeyRotation(other, 90);
    f.clock.advance(Duration.ofDays(90).minusMinutes(19));
    f.refused(KmsError.CONFLICT, () -> f.us.rotateKeyOnDemand(other));
  }

  @Test
  void disabledKeyRefusesRotationChanges() throws Exception {
    f.us.disableKey(mrk);
    var e = f.refused(KmsError.DISABLED, () -> f.us.rotateKeyOnDemand(mrk));
    assertTrue(e.getMessage().endsWith(" is disabled."));
    f.refused(KmsError.DISABLED, () -> f.us.enableKeyRotation(mrk, null));
  }
}
