package io.mrk.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.kms.AccountId;
import io.mrk.kms.Arn;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link PolicyDocument}: the text is kept exactly, the parsed form is built once, condition
 * values are the policy's own tokens, and the adversarial documents that once reached evaluation
 * are refused at parse, by a limit checked before any expansion.
 */
class PolicyDocumentTest {

  private static final Arn KEY = PolicyParserTest.KEY;

  /** The reported document: 344 bytes, a condition number whose plain form has a billion digits. */
  static final String HUGE_EXPONENT = "{\"Version\":\"2012-10-17\",\"Id\":\"huge-exponent-condition-val\",\"Statement\":[{\"Sid\":\"Root\",\"Effect\":\"Allow\","
      + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
      + "{\"Sid\":\"Ctx\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\","
      + "\"Condition\":{\"StringEquals\":{\"kms:EncryptionContext:n\":1e999999999}}}]}";

  @Test
  void keepsTheTextAndParsesOnce() throws KmsException {
    String text = "  " + PolicyParserTest.policy(PolicyParserTest.ALLOW_ROOT) + "\n";
    PolicyDocument d = PolicyDocument.parse(text, KEY);
    assertEquals(text, d.text());
    assertEquals(KEY, d.keyArn());
    assertSame(d.policy(), d.policy());
    assertEquals(d, PolicyDocument.parse(text, KEY));
    assertNotEquals(d, PolicyDocument.parse(text.trim(), KEY));
  }

  @Test
  void conditionValuesAreTheSourceTokens() throws KmsException {
    PolicyDocument d = PolicyDocument.parse(PolicyParserTest.policy("{\"Effect\":\"Allow\",\"Principal\":\"*\","
        + "\"Action\":\"kms:Decrypt\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
        + "{\"kms:EncryptionContext:n\":[1.0,1E2,-0,1e300,true]}}}"), KEY);
    assertEquals(List.of("1.0", "1E2", "-0", "1e300", "true"),
        d.policy().statements().get(0).conditions().get(0).values());
    AccessRequest matching = new AccessRequest(PolicyEvaluatorTest.APP, AccountId.DEFAULT, "kms:Decrypt", KEY,
        Map.of("n", "1E2"));
    AccessRequest plainForm = new AccessRequest(PolicyEvaluatorTest.APP, AccountId.DEFAULT, "kms:Decrypt", KEY,
        Map.of("n", "100"));
    assertTrue(PolicyEvaluator.evaluate(matching, d.policy(), List.of()).allowed());
    assertEquals(Decision.Basis.NO_ALLOW, PolicyEvaluator.evaluate(plainForm, d.policy(), List.of()).basis());
  }

  @Test
  void theHugeExponentPolicyIsRefusedByTheNumberBound() {
    assertEquals(344, HUGE_EXPONENT.getBytes(StandardCharsets.UTF_8).length);
    KmsException e = assertThrows(KmsException.class, () -> PolicyDocument.parse(HUGE_EXPONENT, KEY));
    assertEquals(KmsError.MALFORMED_POLICY_DOCUMENT, e.error());
    assertTrue(e.getMessage().contains("number magnitude"), e.getMessage());
  }

  @Test
  void aMillionDigitConditionValueIsRefusedBySizeBeforeParsing() {
    String doc = HUGE_EXPONENT.replace("1e999999999", "1".repeat(1_000_000));
    KmsException e = assertThrows(KmsException.class, () -> PolicyDocument.parse(doc, KEY));
    assertTrue(e.getMessage().contains("exceeds 32768 bytes"), e.getMessage());
    String withinSize = HUGE_EXPONENT.replace("1e999999999", "1".repeat(20_000));
    e = assertThrows(KmsException.class, () -> PolicyDocument.parse(withinSize, KEY));
    assertTrue(e.getMessage().contains("Number value length"), e.getMessage());
  }
}
