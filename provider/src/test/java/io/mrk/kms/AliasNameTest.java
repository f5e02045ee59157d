package io.mrk.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AliasNameTest {

  @Test
  void acceptsAliasNames() throws KmsException {
    assertFalse(AliasName.of("alias/orders/eu_1-a").isReserved());
    assertTrue(AliasName.of("alias/aws/s3").isReserved());
    assertEquals(256, AliasName.of("alias/" + "a".repeat(250)).value().length());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "orders", "alias/", "alias/a b", "alias/é", "Alias/x", "alias/x:y"})
  void refusesOtherText(String text) {
    assertEquals(KmsError.VALIDATION, assertThrows(KmsException.class, () -> AliasName.of(text)).error());
  }

  @Test
  void refusesNullAndOverlong() {
    assertThrows(KmsException.class, () -> AliasName.of(null));
    assertThrows(KmsException.class, () -> AliasName.of("alias/" + "a".repeat(251)));
  }
}
