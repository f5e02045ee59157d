package io.mrk.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mrk.kms.AccountId;
import io.mrk.kms.Arn;
import io.mrk.kms.GrantConstraints;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Partition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

  static final Arn KEY = PolicyParserTest.KEY;
  static final String ROOT = "arn:aws:iam::111122223333:root";
  static final String APP = "arn:aws:iam::111122223333:role/app";
  static final String OTHER = "arn:aws:iam::444455556666:role/partner";
  static final AccountId ACCOUNT = AccountId.DEFAULT;
  static final AccountId PARTNER = new AccountId("444455556666");

  static AccessRequest request(String principal, AccountId account, String action, Map<String, String> context) {
    return new AccessRequest(principal, account, action, KEY, context);
  }

  static Decision.Basis decide(String document, AccessRequest request, List<KeyGrant> grants) throws KmsException {
    return PolicyEvaluator.evaluate(request, PolicyParser.parse(document, KEY), grants).basis();
  }

  static String statement(String sid, String effect, String principal, String action, String condition) {
    return "{\"Sid\":\"" + sid + "\",\"Effect\":\"" + effect + "\",\"Principal\":" + principal
        + ",\"Action\":" + action + ",\"Resource\":\"*\"" + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
  }

  static String policy(String... statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
  }

  static final String DEFAULT = DefaultKeyPolicy.document(Partition.AWS, ACCOUNT);

  @Test
  void defaultPolicyAllowsTheRootEverythingAndNobodyElseAnything() throws KmsException {
    for (String action : List.of("kms:Encrypt", "kms:Decrypt", "kms:ReplicateKey", "kms:UpdatePrimaryRegion", "kms:PutKeyPolicy")) {
      Decision d = PolicyEvaluator.evaluate(request(ROOT, ACCOUNT, action, Map.of()), PolicyParser.parse(DEFAULT, KEY), List.of());
      assertEquals(Decision.Basis.POLICY_ALLOW, d.basis());
      assertEquals("Enable IAM User Permissions", d.statementSid());
      assertEquals(Decision.Basis.NO_ALLOW, decide(DEFAULT, request(APP, ACCOUNT, action, Map.of()), List.of()));
    }
  }

  /** Table: policy, request, expected basis (KMS developer guide, key policy evaluation). */
  @Test
  void evaluationTable() throws KmsException {
    String allowAppEncrypt = statement("AppEncrypt", "Allow", "{\"AWS\":\"" + APP + "\"}", "\"kms:Encrypt\"", null);
    String denyAllDecrypt = statement("NoDecrypt", "Deny", "\"*\"", "\"kms:Decrypt\"", null);
    String allowAppDataKeys = statement("DataKeys", "Allow", "{\"AWS\":\"" + APP + "\"}", "\"kms:generatedatakey*\"", null);
    String allowAppReEncrypt = statement("ReEnc", "Allow", "{\"AWS\":\"" + APP + "\"}", "\"kms:ReEncrypt?rom\"", null);
    String allowEveryoneInAccount = statement("Account", "Allow", "\"*\"", "\"kms:Decrypt\"",
        "{\"StringEquals\":{\"kms:CallerAccount\":\"111122223333\"}}");
    String allowRolesByArn = statement("Roles", "Allow", "\"*\"", "[\"kms:Encrypt\",\"kms:Decrypt\"]",
        "{\"StringLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:role/*\"}}");
    String allowDeptContext = statement("Dept", "Allow", "{\"AWS\":\"" + APP + "\"}", "\"kms:Decrypt\"",
        "{\"StringLike\":{\"kms:EncryptionContext:Department\":[\"fin*\",\"hr\"]}}");
    String denyWithoutProject = statement("NeedProject", "Deny", "\"*\"", "\"kms:*\"",
        "{\"StringNotEquals\":{\"kms:EncryptionContext:project\":\"alpha\"}}");
    String denyNotLikeTest = statement("NotTest", "Deny", "\"*\"", "\"kms:Encrypt\"",
        "{\"StringNotLike\":{\"aws:PrincipalArn\":\"*:role/test-*\"}}");

    record Row(String policy, AccessRequest request, Decision.Basis expected) {
    }
    List<Row> rows = List.of(
        new Row(policy(allowAppEncrypt), request(APP, ACCOUNT, "kms:Encrypt", Map.of()), Decision.Basis.POLICY_ALLOW),
        new Row(policy(allowAppEncrypt), request(APP, ACCOUNT, "kms:Decrypt", Map.of()), Decision.Basis.NO_ALLOW),
        new Row(policy(allowAppEncrypt), request(OTHER, PARTNER, "kms:Encrypt", Map.of()), Decision.Basis.NO_ALLOW),
        new Row(policy(allowAppEncrypt, denyAllDecrypt), request(APP, ACCOUNT, "kms:Encrypt", Map.of()), Decision.Basis.POLICY_ALLOW),
        new Row(policy(DEFAULT_STATEMENT, denyAllDecrypt), request(ROOT, ACCOUNT, "kms:Decrypt", Map.of()), Decision.Basis.EXPLICIT_DENY),
        new Row(policy(denyAllDecrypt, DEFAULT_STATEMENT), request(ROOT, ACCOUNT, "kms:Decrypt", Map.of()), Decision.Basis.EXPLICIT_DENY),
        new Row(policy(allowAppDataKeys), request(APP, ACCOUNT, "kms:GenerateDataKey", Map.of()), Decision.Basis.POLICY_ALLOW),
        new Row(policy(allowAppDataKeys), request(APP, ACCOUNT, "kms:GenerateDataKeyWithoutPlaintext", Map.of()), Decision.Basis.POLICY_ALLOW),
        new Row(policy(allowAppDataKeys), request(APP, ACCOUNT, "kms:Encrypt", Map.of()), Decision.Basis.NO_ALLOW),
        new Row(policy(allowAppReEncrypt), request(APP, ACCOUNT, "kms:ReEncryptFrom", Map.of()), Decision.Basis.POLICY_ALLOW),
        new Row(policy(allowAppReEncrypt), request(APP, ACCOUNT, "kms:ReEncryptTo", Map.of()), Decision.Basis.NO_ALLOW),
        new Row(policy(allowEveryoneInAccount), request(APP, ACCOUNT, "kms:Decrypt", Map.of()), Decision.Basis.POLICY_ALLOW),
        new Row(policy(allowEveryoneInAccount), request(OTHER, PARTNER, "kms:Decrypt", Map.of()), Decision.Basis.NO_ALLOW),
        new Row(policy(allowRolesByArn), request(APP, ACCOUNT, "kms:Decrypt", Map.of()), Decision.Basis.POLICY_ALLOW),
        new Row(policy(allowRolesByArn), request(ROOT, ACCOUNT, "kms:Decrypt", Map.of()), Decision.Basis.NO_ALLOW),
        new Row(policy(allowDeptContext), request(APP, ACCOUNT, "kms:Decrypt", Map.of("Department", "finance")), Decision.Basis.POLICY_ALLOW),
        new Row(policy(allowDeptContext), request(APP, ACCOUNT, "kms:Decrypt", Map.of("department", "hr")), Decision.Basis.POLICY_ALLOW),
        new Row(policy(allowDeptContext), request(APP, ACCOUNT, "kms:Decrypt", Map.of("Department", "HR")), Decision.Basis.NO_ALLOW),
        new Row(policy(allowDeptContext), request(APP, ACCOUNT, "kms:Decrypt", Map.of()), Decision.Basis.NO_ALLOW),
        new Row(policy(DEFAULT_STATEMENT, denyWithoutProject), request(ROOT, ACCOUNT, "kms:Encrypt", Map.of()), Decision.Basis.EXPLICIT_DENY),
        new Row(policy(DEFAULT_STATEMENT, denyWithoutProject), request(ROOT, ACCOUNT, "kms:Encrypt", Map.of("project", "beta")), Decision.Basis.EXPLICIT_DENY),
        new Row(policy(DEFAULT_STATEMENT, denyWithoutProject), request(ROOT, ACCOUNT, "kms:Encrypt", Map.of("project", "alpha")), Decision.Basis.POLICY_ALLOW),
        new Row(policy(allowRolesByArn, denyNotLikeTest), request(APP, ACCOUNT, "kms:Encrypt", Map.of()), Decision.Basis.EXPLICIT_DENY),
        new Row(policy(allowRolesByArn, denyNotLikeTest), request("arn:aws:iam::111122223333:role/test-1", ACCOUNT, "kms:Encrypt", Map.of()), Decision.Basis.POLICY_ALLOW));
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      assertEquals(row.expected(), decide(row.policy(), row.request(), List.of()), "row " + i);
    }
  }

  static final String DEFAULT_STATEMENT = statement("Root", "Allow", "{\"AWS\":\"" + ROOT + "\"}", "\"kms:*\"", null);

  @Test
  void explicitDenyNamesItsSidAndBeatsGrants() throws KmsException {
    KeyGrant grant = KeyGrant.of("g1", APP, List.of("Decrypt"), null);
    Decision d = PolicyEvaluator.evaluate(request(APP, ACCOUNT, "kms:Decrypt", Map.of()),
        PolicyParser.parse(policy(statement("NoDecrypt", "Deny", "\"*\"", "\"kms:Decrypt\"", null)), KEY), List.of(grant));
    assertEquals(Decision.Basis.EXPLICIT_DENY, d.basis());
    assertEquals("NoDecrypt", d.statementSid());
  }

  @Test
  void grantsAllowTheirOperationsForTheirGranteeOnly() throws KmsException {
    KeyGrant grant = KeyGrant.of("g1", APP, List.of("Encrypt", "DescribeKey"), null);
    Decision d = PolicyEvaluator.evaluate(request(APP, ACCOUNT, "kms:Encrypt", Map.of()), PolicyParser.parse(DEFAULT, KEY), List.of(grant));
    assertEquals(Decision.Basis.GRANT_ALLOW, d.basis());
    assertEquals("g1", d.grantId());
    assertNull(d.statementSid());
    assertEquals(Decision.Basis.NO_ALLOW, decide(DEFAULT, request(APP, ACCOUNT, "kms:Decrypt", Map.of()), List.of(grant)));
    assertEquals(Decision.Basis.NO_ALLOW, decide(DEFAULT, request(OTHER, PARTNER, "kms:Encrypt", Map.of()), List.of(grant)));
  }

  @Test
  void encryptionContextEqualsNeedsTheExactContextKeysCaseInsensitive() throws KmsException {
    KeyGrant grant = KeyGrant.of("g", APP, List.of("Decrypt", "DescribeKey"),
        new GrantConstraints(Map.of("Tenant", "a", "Env", "prod"), null));
    List<KeyGrant> grants = List.of(grant);
    assertEquals(Decision.Basis.GRANT_ALLOW, decide(DEFAULT, request(APP, ACCOUNT, "kms:Decrypt", Map.of("Tenant", "a", "Env", "prod")), grants));
    assertEquals(Decision.Basis.GRANT_ALLOW, decide(DEFAULT, request(APP, ACCOUNT, "kms:Decrypt", Map.of("tenant", "a", "ENV", "prod")), grants));
    assertEquals(Decision.Basis.NO_ALLOW, decide(DEFAULT, request(APP, ACCOUNT, "kms:Decrypt", Map.of("Tenant", "A", "Env", "prod")), grants));
    assertEquals(Decision.Basis.NO_ALLOW, decide(DEFAULT, request(APP, ACCOUNT, "kms:Decrypt", Map.of("Tenant", "a")), grants));
    assertEquals(Decision.Basis.NO_ALLOW, decide(DEFAULT, request(APP, ACCOUNT, "kms:Decrypt", Map.of("Tenant", "a", "Env", "prod", "x", "y")), grants));
    assertEquals(Decision.Basis.GRANT_ALLOW, decide(DEFAULT, request(APP, ACCOUNT, "kms:DescribeKey", Map.of()), grants),
        "constraints do not apply to operations without an encryption context");
  }

  @Test
  void encryptionContextSubsetAllowsExtraPairs() throws KmsException {
    List<KeyGrant> grants = List.of(KeyGrant.of("g", APP, List.of("GenerateDataKey", "CreateGrant"),
        new GrantConstraints(null, Map.of("Tenant", "a"))));
    assertEquals(Decision.Basis.GRANT_ALLOW, decide(DEFAULT, request(APP, ACCOUNT, "kms:GenerateDataKey", Map.of("Tenant", "a", "x", "y")), grants));
    assertEquals(Decision.Basis.NO_ALLOW, decide(DEFAULT, request(APP, ACCOUNT, "kms:GenerateDataKey", Map.of("x", "y")), grants));
    assertEquals(Decision.Basis.NO_ALLOW, decide(DEFAULT, request(APP, ACCOUNT, "kms:CreateGrant", Map.of("Tenant", "a")), grants),
        "a constrained grant never allows CreateGrant");
  }

  @Test
  void grantOperationsAreValidated() {
    KmsException e = assertThrows(KmsException.class, () -> KeyGrant.of("g", APP, List.of("Encrypt", "ScheduleKeyDeletion"), null));
    assertEquals(KmsError.VALIDATION, e.error());
    assertEquals(true, e.getMessage().startsWith("Operations: 'ScheduleKeyDeletion' is not a grant operation"));
  }

  @Test
  void denialMessagesUseTheAwsWording() throws KmsException {
    AccessRequest r = request(APP, ACCOUNT, "kms:Decrypt", Map.of());
    KmsException implicit = assertThrows(KmsException.class,
        () -> PolicyEvaluator.evaluate(r, PolicyParser.parse(DEFAULT, KEY), List.of()).requireAllowed(r));
    assertEquals(KmsError.ACCESS_DENIED, implicit.error());
    assertEquals("User: " + APP + " is not authorized to perform: kms:Decrypt on resource: " + KEY
        + " because no resource-based policy allows the kms:Decrypt action", implicit.getMessage());
    KmsException explicit = assertThrows(KmsException.class, () -> PolicyEvaluator.evaluate(r,
        PolicyParser.parse(policy(statement("D", "Deny", "\"*\"", "\"kms:*\"", null)), KEY), List.of()).requireAllowed(r));
    assertEquals("User: " + APP + " is not authorized to perform: kms:Decrypt on resource: " + KEY
        + " with an explicit deny in a resource-based policy", explicit.getMessage());
  }

  @Test
  void statementsForAnotherKeyArnDoNotApply() throws KmsException {
    KeyPolicy p = PolicyParser.parse(policy("{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"" + KEY + "\"}"), KEY);
    Arn replica = KEY.inRegion("us-east-1");
    assertEquals(Decision.Basis.POLICY_ALLOW, PolicyEvaluator.evaluate(request(APP, ACCOUNT, "kms:Decrypt", Map.of()), p, List.of()).basis());
    assertEquals(Decision.Basis.NO_ALLOW, PolicyEvaluator.evaluate(
        new AccessRequest(APP, ACCOUNT, "kms:Decrypt", replica, Map.of()), p, List.of()).basis());
  }
}
