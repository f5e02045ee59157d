package io.mrk.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountIdTest {

  @Test
  void acceptsTwelveDigits() throws KmsException {
    assertEquals("123456789012", AccountId.of("123456789012").value());
    assertEquals("111122223333", AccountId.DEFAULT.value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12345678901", "1234567890123", "12345678901a", " 123456789012", "１２３４５６７８９０１２"})
  void refusesOtherText(String text) {
    assertEquals(KmsError.VALIDATION, assertThrows(KmsException.class, () -> AccountId.of(text)).error());
    assertThrows(IllegalArgumentException.class, () -> new AccountId(text));
  }

  @Test
  void refusesNull() {
    assertThrows(KmsException.class, () -> AccountId.of(null));
  }
}
