package io.mrk.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing the JSON reader: for arbitrary and mutated texts, {@link Json#parse} returns a value or
 * throws {@link JsonException}, never anything else, and its message is printable ASCII. The work is
 * bounded by the input sizes (at most a few thousand characters per try), not by a clock.
 */
class JsonFuzzProperties {

  private static final String ALPHABET = "{}[]:,\"\\/ \t\n\r-+.0123456789eEtrufalsn"
      + "abcdefABCDEF\u0000\u0001\u001f\u007f\u00a0\u00e9\u0660\u0664\uff10\u2028\ufeff\ufffd\ud800\udc00\ud83d\ude00";

  private static final List<String> SEEDS = List.of(
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},"
          + "\"Action\":\"kms:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"k\":[1.5e3,true,\"x\"]}}}]}",
      "[1,-2.5e-3,\"\\u0041\\ud83d\\ude00\",null,{\"a\":{\"b\":[[]]}}]",
      "{\"sequence\":12,\"head\":\"00ff\",\"event\":{\"name\":\"Encrypt\",\"ok\":false}}",
      "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"");

  @Provide
  Arbitrary<String> arbitraryTexts() {
    return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMaxLength(400)
        .injectDuplicates(0.1);
  }

  @Provide
  Arbitrary<String> mutatedDocuments() {
    Arbitrary<String> seed = Arbitraries.of(SEEDS);
    Arbitrary<List<Mutation>> mutations = Combinators.combine(
            Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 10_000),
            Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMinLength(1).ofMaxLength(3))
        .as(Mutation::new).list().ofMinSize(1).ofMaxSize(8);
    return Combinators.combine(seed, mutations).as(JsonFuzzProperties::mutate);
  }

  @Provide
  Arbitrary<String> largeTexts() {
    Arbitrary<String> unit = Arbitraries.of("[", "]", "{\"a\":", "}", "1", "9".repeat(50), "e", ",", "\"",
        "\\u", "\\ud800", "0", " ");
    return Combinators.combine(unit.list().ofMinSize(1).ofMaxSize(6), Arbitraries.integers().between(1, 2_000))
        .as((parts, times) -> String.join("", parts).repeat(times));
  }

  @Property(tries = 2000)
  void onlyJsonExceptionEscapesForArbitraryText(@ForAll("arbitraryTexts") String text) {
    parseOrRefuse(text);
  }

  @Property(tries = 2000)
  void onlyJsonExceptionEscapesForMutatedDocuments(@ForAll("mutatedDocuments") String text) {
    parseOrRefuse(text);
  }

  @Property(tries = 200)
  void onlyJsonExceptionEscapesForLargeRepetitiveText(@ForAll("largeTexts") String text) {
    parseOrRefuse(text);
  }

  @Property(tries = 500)
  void whatParsesWritesAndParsesToTheSameValue(@ForAll("mutatedDocuments") String text) throws Exception {
    Object value;
    try {
      value = Json.parse(text);
    } catch (JsonException e) {
      return;
    }
    String written = Json.write(value);
    assertEquals(value, Json.parse(written));
    assertEquals(written, Json.write(Json.parse(written)));
  }

  private static void parseOrRefuse(String text) {
    try {
      Json.parse(text);
      Json.parseKeepingNumberText(text);
    } catch (JsonException e) {
      assertTrue(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f), e.getMessage());
      assertTrue(e.position() >= 0 && e.position() <= text.length(), e.getMessage());
    }
  }

  record Mutation(int kind, int at, String text) {}

  private static String mutate(String seed, List<Mutation> mutations) {
    StringBuilder b = new StringBuilder(seed);
    for (Mutation m : mutations) {
      int at = b.length() == 0 ? 0 : m.at() % (b.length() + 1);
      switch (m.kind()) {
        case 0 -> b.insert(at, m.text());
        case 1 -> b.delete(at, Math.min(b.length(), at + m.text().length()));
        default -> b.replace(at, Math.min(b.length(), at + 1), m.text());
      }
    }
    return b.toString();
  }
}
