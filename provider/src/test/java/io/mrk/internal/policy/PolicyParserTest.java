package io.mrk.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.kms.AccountId;
import io.mrk.kms.Arn;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Partition;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyParserTest {

  static final Arn KEY = Arn.forKey(new io.mrk.kms.Region("eu-west-1"), AccountId.DEFAULT,
      new io.mrk.kms.KeyId("mrk-0123456789abcdef0123456789abcdef"));

  /** A one-statement policy whose statement body is {@code statement}. */
  static String policy(String statement) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
  }

  static final String ALLOW_ROOT = "{\"Sid\":\"Root\",\"Effect\":\"Allow\","
      + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}";

  @Test
  void parsesTheDefaultKeyPolicy() throws KmsException {
    KeyPolicy p = PolicyParser.parse(DefaultKeyPolicy.document(Partition.AWS, AccountId.DEFAULT), KEY);
    assertEquals("2012-10-17", p.version());
    assertEquals("key-default-1", p.id());
    assertEquals(1, p.statements().size());
    PolicyStatement s = p.statements().get(0);
    assertEquals("Enable IAM User Permissions", s.sid());
    assertEquals(Effect.ALLOW, s.effect());
    assertEquals(List.of("arn:aws:iam::111122223333:root"), s.principals());
    assertEquals(List.of("kms:*"), s.actions());
  }

  @Test
  void acceptsSingleStatementObjectArraysAndMissingVersion() throws KmsException {
    KeyPolicy p = PolicyParser.parse("{\"Statement\":" + ALLOW_ROOT + "}", KEY);
    assertEquals("2008-10-17", p.version());
    assertNull(p.id());
    KeyPolicy q = PolicyParser.parse(policy("{\"Effect\":\"Deny\",\"Principal\":{\"AWS\":[\"111122223333\","
        + "\"arn:aws:iam::444455556666:role/app\"]},\"Action\":[\"kms:Decrypt\",\"kms:GenerateDataKey*\"],"
        + "\"Resource\":[\"" + KEY + "\"],\"Condition\":{\"StringLike\":{\"kms:EncryptionContext:dept\":[\"a*\",\"b?\"]},"
        + "\"StringEquals\":{\"kms:CallerAccount\":111122223333,\"aws:PrincipalArn\":\"arn:aws:iam::444455556666:role/app\"}}}"), KEY);
    PolicyStatement s = q.statements().get(0);
    assertEquals(List.of("arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:role/app"), s.principals());
    assertEquals(3, s.conditions().size());
    assertEquals(List.of("111122223333"), s.conditions().get(1).values());
    assertFalse(s.anyPrincipal());
  }

  @Test
  void starPrincipalInBothForms() throws KmsException {
    for (String principal : List.of("\"*\"", "{\"AWS\":\"*\"}")) {
      KeyPolicy p = PolicyParser.parse(policy("{\"Effect\":\"Allow\",\"Principal\":" + principal
          + ",\"Action\":\"kms:Encrypt\",\"Resource\":\"*\"}"), KEY);
      assertTrue(p.statements().get(0).anyPrincipal());
    }
  }

  @Test
  void accountIdShorthandUsesTheKeysPartition() throws KmsException {
    Arn china = Arn.forKey(new io.mrk.kms.Region("cn-north-1"), AccountId.DEFAULT,
        new io.mrk.kms.KeyId("mrk-0123456789abcdef0123456789abcdef"));
    KeyPolicy p = PolicyParser.parse(policy("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},"
        + "\"Action\":\"kms:Encrypt\",\"Resource\":\"*\"}"), china);
    assertEquals(List.of("arn:aws-cn:iam::111122223333:root"), p.statements().get(0).principals());
  }

  /** Each malformed or unsupported document is refused with a message naming the element. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"Version\":\"2012-10-17\"}| Statement: missing.",
      "{\"Version\":\"2020-01-01\",\"Statement\":[]}| Version: expected",
      "{\"Statement\":[]}| Statement: must not be empty.",
      "{\"Statement\":[],\"Extra\":1}| Extra: unknown element.",
      "[1,2]| the policy document: expected a JSON object",
      "{\"Statement\":[{]}| not valid JSON",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"},{\"Effect\":\"allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}| Statement[1].Effect: expected \"Allow\" or \"Deny\"",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"NotPrincipal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}| Statement[0].NotPrincipal: unsupported element",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"NotAction\":\"kms:*\",\"Resource\":\"*\"}]}| Statement[0].NotAction: unsupported element",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"NotResource\":\"*\"}]}| Statement[0].NotResource: unsupported element",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}| Statement[0].Principal: missing.",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Resource\":\"*\"}]}| Statement[0].Action: missing.",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\"}]}| Statement[0].Resource: missing.",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}| Statement[0].Principal.Service: unsupported principal type",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"bob\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}| Statement[0].Principal.AWS: invalid principal \"bob\"",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/*\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}| Statement[0].Principal.AWS: wildcards are not allowed",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}| Statement[0].Action: unsupported action \"s3:GetObject\"",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:Decrpyt\",\"Resource\":\"*\"}]}| Statement[0].Action: \"kms:Decrpyt\" matches no KMS action.",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[],\"Resource\":\"*\"}]}| Statement[0].Action: expected a string or a non-empty array",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[\"kms:Encrypt\",7],\"Resource\":\"*\"}]}| Statement[0].Action[1]: expected a string",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"arn:aws:kms:us-east-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef\"}]}| Statement[0].Resource: \"arn:aws:kms:us-east-1",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\",\"Condition\":{\"NumericLessThan\":{\"kms:CallerAccount\":\"1\"}}}]}| Statement[0].Condition: unsupported operator NumericLessThan",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\",\"Condition\":{\"StringEqualsIfExists\":{\"kms:CallerAccount\":\"1\"}}}]}| Statement[0].Condition: unsupported operator StringEqualsIfExists",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"kms:ViaService\":\"s3\"}}}]}| Statement[0].Condition.StringEquals.kms:ViaService: unsupported condition key",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"kms:EncryptionContext:\":\"s3\"}}}]}| Statement[0].Condition.StringEquals.kms:EncryptionContext:: unsupported condition key",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalArn\":[]}}}]}| Statement[0].Condition.StringEquals.aws:PrincipalArn: expected a value or a non-empty array",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:PrincipalArn\":{\"a\":1}}}}]}| Statement[0].Condition.StringEquals.aws:PrincipalArn: expected a string, number or boolean",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\",\"Condition\":{\"StringLike\":{\"aws:PrincipalArn\":\"${aws:username}\"}}}]}| Statement[0].Condition.StringLike.aws:PrincipalArn: policy variables",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\",\"Condition\":{\"StringLike\":{}}}]}| Statement[0].Condition.StringLike: must test at least one condition key.",
      "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\",\"Condition\":[]}]}| Statement[0].Condition: expected a JSON object, found an array.",
      "{\"Statement\":[{\"Sid\":\"A\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"},{\"Sid\":\"A\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}| Statement[1].Sid: duplicate Sid \"A\"",
      "{\"Statement\":[{\"Sid\":5,\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}| Statement[0].Sid: expected a string, found 5.",
      "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\",\"Bogus\":1}}| Statement.Bogus: unknown element.",
  })
  void refusesNamingTheElement(String document, String expectedStart) {
    KmsException e = assertThrows(KmsException.class, () -> PolicyParser.parse(document, KEY));
    assertEquals(KmsError.MALFORMED_POLICY_DOCUMENT, e.error());
    String message = e.getMessage();
    assertTrue(message.startsWith(expectedStart.strip()) || message.contains(expectedStart.strip()),
        () -> "message was: " + message);
  }

  @Test
  void refusesEmptyAndOversizedDocuments() {
    assertEquals("the policy document is empty.",
        assertThrows(KmsException.class, () -> PolicyParser.parse("  ", KEY)).getMessage());
    String big = policy(ALLOW_ROOT.replace("\"Root\"", "\"" + "x".repeat(PolicyParser.MAX_POLICY_BYTES) + "\""));
    KmsException e = assertThrows(KmsException.class, () -> PolicyParser.parse(big, KEY));
    assertEquals("the policy document exceeds 32768 bytes.", e.getMessage());
  }

  @Test
  void messagesKeepControlCharactersOut() {
    KmsException e = assertThrows(KmsException.class,
        () -> PolicyParser.parse("{\"Statement\":[],\"a\\u001b[31m\":1}", KEY));
    assertEquals("a?[31m: unknown element.", e.getMessage());
  }
}
