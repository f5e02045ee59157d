package io.mrk.internal.policy;

import java.util.List;

/**
 * Decides whether a key policy and the key's grants allow a request, in the order the AWS KMS
 * developer guide gives for key access: an applicable {@code Deny} statement in the key policy
 * wins; otherwise an applicable {@code Allow} statement or a matching grant allows; otherwise the
 * request is implicitly denied.
 *
 * <p>MRK has no IAM: there are no identity policies, SCPs, permission boundaries or VPC endpoint
 * policies, and a statement naming the account root ({@code arn:aws:iam::<account>:root}) allows
 * only that root principal, where real KMS would delegate to the account's IAM policies.
 *
 * <p>Threat model: inside one process that holds the keystore password, this is a guard rail
 * against misuse and misconfiguration (a service using the wrong principal, a forgotten encryption
 * context), not a security boundary: code in that process can read the keystore directly. The audit
 * trail is what proves what happened.
 *
 * <p>The evaluator is a pure function of its arguments: no clock, no I/O, no state.
 */
public final class PolicyEvaluator {

  private PolicyEvaluator() {
  }

  /** Evaluates {@code request} against the key's {@code policy} and {@code grants}. */
  public static Decision evaluate(AccessRequest request, KeyPolicy policy, List<KeyGrant> grants) {
    String allowingSid = null;
    boolean policyAllows = false;
    for (PolicyStatement statement : policy.statements()) {
      if (!statement.applies(request)) {
        continue;
      }
      if (statement.effect() == Effect.DENY) {
        return new Decision(Decision.Basis.EXPLICIT_DENY, statement.sid(), null);
      }
      if (!policyAllows) {
        policyAllows = true;
        allowingSid = statement.sid();
      }
    }
    if (policyAllows) {
      return new Decision(Decision.Basis.POLICY_ALLOW, allowingSid, null);
    }
    for (KeyGrant grant : grants) {
      if (grant.allows(request)) {
        return new Decision(Decision.Basis.GRANT_ALLOW, null, grant.grantId());
      }
    }
    return new Decision(Decision.Basis.NO_ALLOW, null, null);
  }

  /**
   * Evaluates {@code request} when its encryption context is not known yet (a {@code Cipher.init}
   * with a key handle that carries no context), conservatively: a {@code Deny} statement that tests
   * the encryption context applies when everything else in it matches (the context could satisfy
   * it), an {@code Allow} statement that tests the encryption context does not apply, and a grant
   * with an encryption-context constraint does not allow. So a context-conditioned permission is
   * usable only where the context is known, and a context-conditioned denial is never bypassed.
   */
  public static Decision evaluateContextUnknown(AccessRequest request, KeyPolicy policy, List<KeyGrant> grants) {
    String allowingSid = null;
    boolean policyAllows = false;
    for (PolicyStatement statement : policy.statements()) {
      boolean testsContext = statement.testsEncryptionContext();
      if (statement.effect() == Effect.DENY) {
        if (statement.appliesIgnoringContext(request)) {
          return new Decision(Decision.Basis.EXPLICIT_DENY, statement.sid(), null);
        }
      } else if (!policyAllows && !testsContext && statement.applies(request)) {
        policyAllows = true;
        allowingSid = statement.sid();
      }
    }
    if (policyAllows) {
      return new Decision(Decision.Basis.POLICY_ALLOW, allowingSid, null);
    }
    for (KeyGrant grant : grants) {
      if (!grant.constrained() && grant.allows(request)) {
        return new Decision(Decision.Basis.GRANT_ALLOW, null, grant.grantId());
      }
    }
    return new Decision(Decision.Basis.NO_ALLOW, null, null);
  }
}
