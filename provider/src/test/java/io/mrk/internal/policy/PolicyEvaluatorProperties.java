package io.mrk.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.kms.AccountId;
import io.mrk.kms.GrantConstraints;
import io.mrk.kms.KmsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PolicyEvaluatorProperties {

  static final List<String> PRINCIPALS = List.of(PolicyEvaluatorTest.ROOT, PolicyEvaluatorTest.APP,
      PolicyEvaluatorTest.OTHER, "arn:aws:iam::111122223333:role/test-1");
  static final List<String> ACTIONS = List.of("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey",
      "kms:ReEncryptFrom", "kms:DescribeKey", "kms:CreateGrant");
  static final List<Map<String, String>> CONTEXTS = List.of(Map.of(), Map.of("Tenant", "a"),
      Map.of("tenant", "b", "Env", "prod"), Map.of("Tenant", "a", "Env", "prod"));

  @Provide
  Arbitrary<String> statements() {
    Arbitrary<String> effect = Arbitraries.of("Allow", "Deny");
    Arbitrary<String> principal = Arbitraries.of("\"*\"", "{\"AWS\":\"*\"}", "{\"AWS\":\"111122223333\"}",
        "{\"AWS\":\"" + PolicyEvaluatorTest.APP + "\"}", "{\"AWS\":[\"" + PolicyEvaluatorTest.OTHER + "\",\""
            + PolicyEvaluatorTest.APP + "\"]}");
    Arbitrary<String> action = Arbitraries.of("\"kms:*\"", "\"*\"", "\"kms:Encrypt\"", "\"kms:decrypt\"",
        "\"kms:GenerateDataKey*\"", "[\"kms:ReEncrypt*\",\"kms:DescribeKey\"]", "\"kms:Create?rant\"");
    Arbitrary<String> condition = Arbitraries.of("", ",\"Condition\":{\"StringEquals\":{\"kms:EncryptionContext:Tenant\":\"a\"}}",
        ",\"Condition\":{\"StringLike\":{\"aws:PrincipalArn\":\"*:role/*\"}}",
        ",\"Condition\":{\"StringNotEquals\":{\"kms:CallerAccount\":\"444455556666\"}}",
        ",\"Condition\":{\"StringNotLike\":{\"kms:EncryptionContext:env\":[\"pr*\"]}}");
    return Combinators.combine(effect, principal, action, condition).as((e, p, a, c) ->
        "{\"Effect\":\"" + e + "\",\"Principal\":" + p + ",\"Action\":" + a + ",\"Resource\":\"*\"" + c + "}");
  }

  @Provide
  Arbitrary<List<String>> policies() {
    return statements().list().ofMinSize(1).ofMaxSize(5);
  }

  @Provide
  Arbitrary<AccessRequest> requests() {
    return Combinators.combine(Arbitraries.of(PRINCIPALS), Arbitraries.of(ACTIONS), Arbitraries.of(CONTEXTS))
        .as((p, a, c) -> new AccessRequest(p, p.contains("444455556666") ? PolicyEvaluatorTest.PARTNER : AccountId.DEFAULT,
            a, PolicyEvaluatorTest.KEY, c));
  }

  @Provide
  Arbitrary<List<KeyGrant>> grants() {
    Arbitrary<KeyGrant> grant = Combinators.combine(Arbitraries.of(PRINCIPALS),
        Arbitraries.of("Encrypt", "Decrypt", "GenerateDataKey", "DescribeKey", "CreateGrant").list().ofMinSize(1).ofMaxSize(3).uniqueElements(),
        Arbitraries.of(GrantConstraints.NONE, new GrantConstraints(Map.of("Tenant", "a"), null),
            new GrantConstraints(null, Map.of("tenant", "a"))))
        .as((p, ops, c) -> new KeyGrant("g-" + p.hashCode() + ops, p, java.util.Set.copyOf(ops), c));
    return grant.list().ofMaxSize(3);
  }

  static KeyPolicy parse(List<String> statements) throws KmsException {
    return PolicyParser.parse(PolicyEvaluatorTest.policy(statements.toArray(String[]::new)), PolicyEvaluatorTest.KEY);
  }

  @Property(tries = 300)
  void anApplicableDenyAlwaysWins(@ForAll("policies") List<String> statements, @ForAll("requests") AccessRequest request,
                                  @ForAll("grants") List<KeyGrant> grants, @ForAll boolean denyFirst) throws KmsException {
    String deny = "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"" + request.action() + "\",\"Resource\":\"*\"}";
    List<String> withDeny = new ArrayList<>(statements);
    withDeny.add(denyFirst ? 0 : withDeny.size(), deny);
    assertEquals(Decision.Basis.EXPLICIT_DENY, PolicyEvaluator.evaluate(request, parse(withDeny), grants).basis());
  }

  @Property(tries = 300)
  void addingAnAllowNeverRemovesAccess(@ForAll("policies") List<String> statements, @ForAll("statements") String extra,
                                       @ForAll("requests") AccessRequest request, @ForAll("grants") List<KeyGrant> grants)
      throws KmsException {
    Decision before = PolicyEvaluator.evaluate(request, parse(statements), grants);
    List<String> more = new ArrayList<>(statements);
    more.add(extra.replace("\"Deny\"", "\"Allow\""));
    Decision after = PolicyEvaluator.evaluate(request, parse(more), grants);
    if (before.allowed()) {
      assertTrue(after.allowed());
    }
  }

  @Property(tries = 300)
  void grantsNeverRemoveAccessNorOverrideADeny(@ForAll("policies") List<String> statements,
                                               @ForAll("requests") AccessRequest request,
                                               @ForAll("grants") List<KeyGrant> grants) throws KmsException {
    KeyPolicy policy = parse(statements);
    Decision without = PolicyEvaluator.evaluate(request, policy, List.of());
    Decision with = PolicyEvaluator.evaluate(request, policy, grants);
    if (without.allowed()) {
      assertEquals(without, with);
    }
    if (without.basis() == Decision.Basis.EXPLICIT_DENY) {
      assertEquals(without, with);
    }
  }

  @Property(tries = 200)
  void evaluationIsAPureFunctionOfItsInputs(@ForAll("policies") List<String> statements,
                                            @ForAll("requests") AccessRequest request,
                                            @ForAll("grants") List<KeyGrant> grants) throws KmsException {
    Decision first = PolicyEvaluator.evaluate(request, parse(statements), grants);
    AccessRequest copy = new AccessRequest(request.principalArn(), request.callerAccount(), request.action(),
        request.resource(), Map.copyOf(request.encryptionContext()));
    for (int i = 0; i < 3; i++) {
      assertEquals(first, PolicyEvaluator.evaluate(copy, parse(statements), List.copyOf(grants)));
    }
  }
}
