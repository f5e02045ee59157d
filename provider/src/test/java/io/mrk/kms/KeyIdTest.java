package io.mrk.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyIdTest {

  @Test
  void acceptsBothForms() throws KmsException {
    assertTrue(KeyId.of("mrk-1234abcd12ab34cd56ef1234567890ab").isMultiRegion());
    assertFalse(KeyId.of("1234abcd-12ab-34cd-56ef-1234567890ab").isMultiRegion());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "mrk-", "mrk-1234ABCD12ab34cd56ef1234567890ab", "mrk-1234abcd12ab34cd56ef1234567890a",
      "mrk-1234abcd12ab34cd56ef1234567890abc", "1234ABCD-12ab-34cd-56ef-1234567890ab",
      "1234abcd12ab34cd56ef1234567890ab", "alias/x", "1234abcd-12ab-34cd-56ef-1234567890ag"})
  void refusesOtherText(String text) {
    assertEquals(KmsError.VALIDATION, assertThrows(KmsException.class, () -> KeyId.of(text)).error());
    assertThrows(IllegalArgumentException.class, () -> new KeyId(text));
  }

  @Test
  void generatesValidIds() {
    Random r = new Random(7);
    for (int i = 0; i < 100; i++) {
      KeyId m = KeyId.newMultiRegion(r);
      KeyId s = KeyId.newSingleRegion(r);
      assertTrue(m.isMultiRegion());
      assertEquals(36, m.value().length());
      assertFalse(s.isMultiRegion());
      assertEquals('4', s.value().charAt(14));
    }
  }
}
