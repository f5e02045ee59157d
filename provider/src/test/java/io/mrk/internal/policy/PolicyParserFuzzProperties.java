package io.mrk.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing the policy parser: mutated policies either parse or are refused with
 * {@code MalformedPolicyDocumentException}; nothing else escapes, and a parsed document is stable
 * (parsing its text again gives an equal document). Work is bounded by the input size.
 */
class PolicyParserFuzzProperties {

  private static final String SEED = "{\"Version\":\"2012-10-17\",\"Id\":\"p\",\"Statement\":[{\"Sid\":\"a\","
      + "\"Effect\":\"Deny\",\"Principal\":{\"AWS\":[\"111122223333\",\"arn:aws:iam::111122223333:role/app\"]},"
      + "\"Action\":[\"kms:Decrypt\",\"kms:Gen*\"],\"Resource\":\"*\",\"Condition\":{\"StringLike\":"
      + "{\"kms:EncryptionContext:t\":[\"a*\",1.5,true]},\"StringNotEquals\":{\"kms:CallerAccount\":\"1\"}}},"
      + "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"" + PolicyParserTest.KEY + "\"}]}";

  private static final char[] ALPHABET = "{}[]:,\"\\ -.019eE*?$AaDnNSkms:\u00e9\ud800\udc00\u0660\u0000".toCharArray();

  @Provide
  Arbitrary<String> mutatedPolicies() {
    Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, SEED.length()), Arbitraries.integers().between(0, ALPHABET.length - 1))
        .as((kind, at, c) -> new int[] {kind, at, c});
    return edit.list().ofMinSize(1).ofMaxSize(6).map(PolicyParserFuzzProperties::apply);
  }

  @Property(tries = 1500)
  void onlyMalformedPolicyDocumentEscapes(@ForAll("mutatedPolicies") String text) throws KmsException {
    PolicyDocument parsed;
    try {
      parsed = PolicyDocument.parse(text, PolicyParserTest.KEY);
    } catch (KmsException e) {
      assertEquals(KmsError.MALFORMED_POLICY_DOCUMENT, e.error(), e.getMessage());
      assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20 || Character.isSurrogate((char) c)), e.getMessage());
      return;
    }
    assertEquals(parsed, PolicyDocument.parse(parsed.text(), PolicyParserTest.KEY));
    assertEquals(parsed.policy(), PolicyDocument.parse(parsed.text(), PolicyParserTest.KEY).policy());
  }

  private static String apply(List<int[]> edits) {
    StringBuilder b = new StringBuilder(SEED);
    for (int[] e : edits) {
      int at = Math.min(e[1], b.length());
      char c = ALPHABET[e[2]];
      switch (e[0]) {
        case 0 -> b.insert(at, c);
        case 1 -> b.delete(at, Math.min(b.length(), at + 1));
        default -> b.replace(at, Math.min(b.length(), at + 1), String.valueOf(c));
      }
    }
    return b.toString();
  }
}
