package io.mrk.kms;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KmsQuotasTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "ascii", "\u00e9\u20ac", "\ud83d\ude00", "a\ud83d\ude00b", "\uffff", "\ufffd"})
  void wellFormedTextIsStorableAndRoundTripsUtf8(String s) {
    assertTrue(KmsQuotas.isStorable(s));
    assertTrue(s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\ud800", "\udc00", "a\ud800b", "\udc00\ud800", "\ud83d\ud83d\ude00x\ude00", "end\ud83d"})
  void unpairedSurrogatesAreNotStorableAndWouldNotRoundTrip(String s) {
    assertFalse(KmsQuotas.isStorable(s));
    assertFalse(s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
  }
}
