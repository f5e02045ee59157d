package io.mrk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EncryptionContextTest {

  @Test
  void emptyContextIsNoBytes() {
    assertEquals(0, EncryptionContext.encode(Map.of()).length);
  }

  @Test
  void knownEncoding() {
    assertEquals("0002" + "0001" + "61" + "0002" + "6263" + "0002" + "6464" + "0000",
        HexFormat.of().formatHex(EncryptionContext.encode(Map.of("dd", "", "a", "bc"))));
  }

  @Test
  void lengthPrefixesKeepBoundariesApart() {
    assertFalse(Arrays.equals(EncryptionContext.encode(Map.of("a", "bc")), EncryptionContext.encode(Map.of("ab", "c"))));
  }

  @Test
  void orderOfTheMapDoesNotMatter() {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("zeta", "1");
    a.put("alpha", "2");
    a.put("\u00e9t\u00e9", "3");
    Map<String, String> b = new TreeMap<>(a);
    assertArrayEquals(EncryptionContext.encode(a), EncryptionContext.encode(b));
  }

  @Test
  void sortsByUnsignedUtf8BytesNotByUtf16() {
    // U+FF5E (UTF-8 ef bd 9e) sorts after U+1F600 (f0 9f 98 80) in UTF-16 order but before it in UTF-8.
    byte[] encoded = EncryptionContext.encode(Map.of("\uFF5E", "x", "\uD83D\uDE00", "y"));
    assertEquals((byte) 0xef, encoded[4]);
  }

  @Test
  void refusesBadInput() {
    Map<String, String> withNull = new HashMap<>();
    withNull.put("k", null);
    assertThrows(IllegalArgumentException.class, () -> EncryptionContext.encode(withNull));
    assertThrows(IllegalArgumentException.class, () -> EncryptionContext.encode(Map.of("\uD800", "lone surrogate")));
    assertThrows(IllegalArgumentException.class,
        () -> EncryptionContext.encode(Map.of("big", "x".repeat(EncryptionContext.MAX_BYTES))));
    assertThrows(IllegalArgumentException.class, () -> EncryptionContext.encode(null));
  }

  @Test
  void valuesAreUtf8() {
    byte[] encoded = EncryptionContext.encode(Map.of("k", "\u00e9"));
    assertArrayEquals("\u00e9".getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(encoded, 7, 9));
  }

  /** Issue 10, problem 6: an IdentityHashMap can hold "k" twice; its encoding then depended on iteration order. */
  @Test
  void keysThatAreNotDistinctAreRefused() {
    Map<String, String> twice = new java.util.IdentityHashMap<>();
    twice.put(new String("k"), "1");
    twice.put(new String("k"), "2");
    assertEquals(2, twice.size());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EncryptionContext.encode(twice));
    assertTrue(e.getMessage().contains("'k' more than once"), e.getMessage());
  }
}
