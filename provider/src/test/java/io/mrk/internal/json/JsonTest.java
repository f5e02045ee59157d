package io.mrk.internal.json;

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
      "'a'", "[1 2]", "{\"a\" 1}", "NaN", "\"\\u12\""})
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
