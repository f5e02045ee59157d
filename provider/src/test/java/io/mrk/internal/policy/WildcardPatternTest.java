package io.mrk.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WildcardPatternTest {

  @ParameterizedTest
  @CsvSource({
      "kms:*, kms:Decrypt, false, true",
      "kms:De*, kms:Decrypt, false, true",
      "kms:de*, kms:Decrypt, false, false",
      "kms:de*, kms:Decrypt, true, true",
      "kms:?ncrypt, kms:Encrypt, false, true",
      "kms:?ncrypt, kms:ncrypt, false, false",
      "*, '', false, true",
      "'', '', false, true",
      "'', a, false, false",
      "a*b*c, axxbyyc, false, true",
      "a*b*c, axxbyy, false, false",
      "a**, a, false, true",
      "*a*a*a*a*a*b, aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, false, false",
  })
  void matches(String pattern, String text, boolean ignoreCase, boolean expected) {
    assertEquals(expected, new WildcardPattern(pattern, ignoreCase).matches(text));
  }
}
