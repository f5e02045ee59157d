package io.mrk.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @Test
  void parsesEveryKindOfValue() throws Exception {
    Object v = Json.parse(" {\"b\": [1, -2.5e3, true, false, null], \"a\": \"x\\u0041\\n\\\"\", \"c\": {}} ");
    Map<?, ?> m = (Map<?, ?>) v;
    assertEquals(List.of("b", "a", "c"), List.copyOf(m.keySet()));
    assertEquals(Arrays.asList(new BigDecimal("1"), new BigDecimal("-2.5e3"), true, false, null), m.get("b"));
    assertEquals("xA\n\"", m.get("a"));
    assertEquals(Map.of(), m.get("c"));
    assertEquals("str", Json.parse("\"str\""));
    assertEquals(new BigDecimal("0"), Json.parse("0"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "{", "[1,]", "{\"a\":1,}", "{a:1}", "01", "1.", ".5", "-", "1e", "+1",
      "tru", "nul", "\"abc", "\"\\x\"", "\"\\u12g4\"", "\"a\u0001\"", "[1] [2]", "{\"a\":1,\"a\":2}",
      "'a'", "[1 2]", "{\"a\" 1}", "NaN", "\"\\u12\"", "/*c*/1", "[1]//", "[01]", "-Infinity",
      "\"\\u\u0660\u0660\u0664\u0661\"", "\"\\u\uFF10\uFF10\uFF14\uFF11\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"",
      "\"\\udc00\\ud800\"", "\"\ud800\"", "{\"\\udfff\":1}", "1e999999999", "-1E+401", "1e-401", "\u00a01", "\ufeff{}", "[1,]", "[,1]"})
  void refusesInvalidText(String text) {
    JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
    assertTrue(e.getMessage().contains("offset"), e.getMessage());
    assertTrue(e.position() >= 0 && e.position() <= text.length());
  }

  @Test
  void refusesNullAndOverLimits() {
    assertThrows(JsonException.class, () -> Json.parse(null));
    assertThrows(JsonException.class, () -> Json.parse("[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1)));
    assertThrows(JsonException.class, () -> Json.parse("\"" + "a".repeat(Json.MAX_LENGTH) + "\""));
  }

  @Test
  void refusesNonAsciiHexDigitsInEscapes() {
    // Character.digit accepts ARABIC-INDIC DIGIT ZERO..NINE: "\\u\u0660\u0660\u0664\u0661" once read as "A".
    assertThrows(JsonException.class, () -> Json.parse("\"\\u\u0660\u0660\u0664\u0661\""));
  }

  @Test
  void acceptsPairedSurrogatesEscapedOrRaw() throws Exception {
    assertEquals("\ud83d\ude00", Json.parse("\"\\ud83d\\ude00\""));
    assertEquals("\ud83d\ude00", Json.parse("\"\ud83d\ude00\""));
  }

  @Test
  void refusesAMillionDigitNumberByItsLength() {
    JsonException e = assertThrows(JsonException.class, () -> Json.parse("1".repeat(1_000_000)));
    assertTrue(e.getMessage().contains("length"), e.getMessage());
  }

  @Test
  void boundsNumbersToTheIJsonRange() throws Exception {
    assertEquals(new BigDecimal("1e400"), Json.parse("1e400"));
    assertEquals(new BigDecimal("-1e-400"), Json.parse("-1e-400"));
    assertEquals(new BigDecimal("0e400"), Json.parse("0e400"));
    assertThrows(JsonException.class, () -> Json.parse("0e999999999"));
    assertThrows(JsonException.class, () -> Json.parse("1e401"));
    assertThrows(JsonException.class, () -> Json.parse("1e999999999"));
  }

  @Test
  void keepsNumberTokensWhenAsked() throws Exception {
    assertEquals(List.of(new JsonNumber("1.0"), new JsonNumber("1E2"), new JsonNumber("-0")),
        Json.parseKeepingNumberText("[1.0, 1E2, -0]"));
    assertEquals("[1.0,1E2]", Json.write(Json.parseKeepingNumberText("[1.0,1E2]")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"\u0001\"", "\"\\q\"", "{\"\u00e9\u2028\":1,\"\u00e9\u2028\":2}", "\u00ff", "[\"\\ud800\"]",
      "{\"\u0007\"\u0007}", "\"\\u\u0660\u0660\u0664\u0661\""})
  void messagesHoldOnlyPrintableAscii(String text) {
    JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
    assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f), e.getMessage());
  }

  @Test
  void writesUnpairedSurrogatesAsReplacementSoTheOutputParses() throws Exception {
    String text = Json.write(List.of("a\ud800b", "\udc00", "ok\ud83d\ude00"));
    assertEquals("[\"a\\ufffdb\",\"\\ufffd\",\"ok\ud83d\ude00\"]", text);
    assertEquals(List.of("a\ufffdb", "\ufffd", "ok\ud83d\ude00"), Json.parse(text));
  }

  @Test
  void boundsTokensAndNames() throws Exception {
    Json.parse("[" + "1,".repeat(Json.MAX_TOKENS - 3) + "1]");
    JsonException tokens = assertThrows(JsonException.class,
        () -> Json.parse("[" + "1,".repeat(Json.MAX_TOKENS) + "1]"));
    assertTrue(tokens.getMessage().contains("Token count"), tokens.getMessage());
    Json.parse("{\"" + "n".repeat(Json.MAX_NAME_LENGTH) + "\":1}");
    JsonException name = assertThrows(JsonException.class,
        () -> Json.parse("{\"" + "n".repeat(Json.MAX_NAME_LENGTH + 1) + "\":1}"));
    assertTrue(name.getMessage().contains("Name length"), name.getMessage());
  }

  @Test
  void acceptsNestingUpToTheLimit() throws Exception {
    Json.parse("[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH));
  }

  @Test
  void writesCompactlyAndRoundTrips() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", "q\"\\\n\u0002");
    m.put("a", List.of(1, new BigDecimal("2.50"), true));
    m.put("n", null);
    String text = Json.write(m);
    assertEquals("{\"z\":\"q\\\"\\\\\\n\\u0002\",\"a\":[1,2.50,true],\"n\":null}", text);
    assertEquals(Json.write(Json.parse(text)), text);
  }

  @Test
  void writesPrettyLikeTheAwsCli() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("KeyId", "k");
    inner.put("Tags", List.of());
    inner.put("List", List.of("a", "b"));
    String expected = "{\n    \"KeyMetadata\": {\n        \"KeyId\": \"k\",\n        \"Tags\": [],\n"
        + "        \"List\": [\n            \"a\",\n            \"b\"\n        ]\n    }\n}";
    assertEquals(expected, Json.writePretty(Map.of("KeyMetadata", inner)));
  }

  @Test
  void refusesValuesWithoutAJsonForm() {
    assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
  }
}
