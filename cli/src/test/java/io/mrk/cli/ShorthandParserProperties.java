package io.mrk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The shorthand parser on arbitrary input (fuzz) and on maps it must read back exactly. */
class ShorthandParserProperties {

  /** Any text either parses or is a SyntaxError: no other exception, no hang. */
  @Property(tries = 2000)
  void arbitraryInputIsParsedOrRefusedCleanly(@ForAll @StringLength(max = 60) String input) {
    try {
      ShorthandParser.parse(input);
    } catch (ShorthandParser.SyntaxError expected) {
      // a refusal with the aws CLI's description is the other allowed outcome
    }
  }

  /** Inputs built from the syntax's own characters, where the tricky cases live. */
  @Property(tries = 2000)
  void syntaxHeavyInputIsParsedOrRefusedCleanly(@ForAll @StringLength(max = 40) @AlphaChars
      @net.jqwik.api.constraints.Chars({'=', ',', '[', ']', '{', '}', '\'', '"', ' '}) String input) {
    try {
      ShorthandParser.parse(input);
    } catch (ShorthandParser.SyntaxError expected) {
      // refused cleanly
    }
  }

  /** {@code k=v,...} of plain keys and values reads back as the same map, in order. */
  @Property(tries = 500)
  void plainPairsReadBack(@ForAll @Size(min = 1, max = 6) Map<@AlphaChars @StringLength(min = 1, max = 8) String,
      @AlphaChars @NumericChars @StringLength(min = 1, max = 8) String> pairs) throws Exception {
    StringBuilder text = new StringBuilder();
    Map<String, Object> expected = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : pairs.entrySet()) {
      if (text.length() > 0) {
        text.append(',');
      }
      text.append(e.getKey()).append('=').append(e.getValue());
      expected.put(e.getKey(), e.getValue());
    }
    assertEquals(expected, ShorthandParser.parse(text.toString()));
  }

  /** Quoted values keep the separators inside them. */
  @Property(tries = 300)
  void quotedValuesKeepSeparators(@ForAll @AlphaChars @StringLength(min = 1, max = 8) String key,
      @ForAll @AlphaChars @net.jqwik.api.constraints.Chars({',', '=', '[', '{', ' '}) @StringLength(max = 12) String value)
      throws Exception {
    assertEquals(Map.of(key, value), ShorthandParser.parse(key + "='" + value + "'"));
  }
}
