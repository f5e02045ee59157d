package io.mrk.internal.registry;

import io.mrk.internal.policy.AccessRequest;
import io.mrk.internal.policy.Decision;
import io.mrk.internal.policy.KeyGrant;
import io.mrk.internal.policy.KeyPolicy;
import io.mrk.internal.policy.PolicyDocument;
import io.mrk.internal.policy.PolicyEvaluator;
import io.mrk.kms.AccountId;
import io.mrk.kms.Arn;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a principal may perform an action on a key in one Region: that Region's key policy and
 * grants only (policies and grants are never synchronised between Regions, as in KMS), evaluated
 * by {@link PolicyEvaluator} (explicit deny, then allow by policy or grant, else implicit deny).
 *
 * <p>A {@code null} principal is the keystore holder (a client or key handle obtained without a
 * principal): audited as the account root but never refused, because whoever holds the keystore
 * password can read every key anyway, and because MRK has no one to restore access to a key whose
 * policy locked its owner out. Policies bind the principals named with {@code --principal} or
 * {@code MrkLoadStoreParameter.withPrincipal}, the account root included when named explicitly.
 */
final class KeyAccess {

  private KeyAccess() {}

  /**
   * The decision for {@code principal} performing {@code action} on {@code local} (ARN {@code arn}).
   *
   * @param context the request's encryption context, or {@code null} when it is not known yet
   *     ({@link PolicyEvaluator#evaluateContextUnknown})
   */
  static Decision decide(String principal, String action, Arn arn, RegionalKey local,
                         Map<String, String> context) throws KmsException {
    AccessRequest request = request(principal, action, arn, context);
    KeyPolicy policy = local.policy().policy();
    List<KeyGrant> grants = new ArrayList<>(local.grants().size());
    for (Grant g : local.grants()) {
      grants.add(KeyGrant.of(g.grantId(), g.granteePrincipal(), g.operations(), g.constraints()));
    }
    return context == null
        ? PolicyEvaluator.evaluateContextUnknown(request, policy, grants)
        : PolicyEvaluator.evaluate(request, policy, grants);
  }

  /** Returns when allowed, else throws {@code AccessDeniedException} in the AWS wording. */
  static void require(String principal, String action, Arn arn, RegionalKey local,
                      Map<String, String> context) throws KmsException {
    if (principal == null) {
      return;
    }
    decide(principal, action, arn, local, context)
        .requireAllowed(request(principal, action, arn, context));
  }

  /**
   * Refuses a policy under which {@code principal} could not change it again: KMS's policy lockout
   * safety check (CreateKey, ReplicateKey and PutKeyPolicy with BypassPolicyLockoutSafetyCheck
   * false), which MRK always applies because it has no bypass and no support desk to recover a
   * locked key.
   */
  static void requireNoLockout(String principal, PolicyDocument document) throws KmsException {
    if (principal == null) {
      return;
    }
    AccessRequest request = request(principal, "kms:PutKeyPolicy", document.keyArn(), Map.of());
    if (!PolicyEvaluator.evaluate(request, document.policy(), List.of()).allowed()) {
      throw new KmsException(KmsError.MALFORMED_POLICY_DOCUMENT, "The new key policy will not allow you"
          + " to update the key policy in the future (" + principal + " would be denied kms:PutKeyPolicy).");
    }
  }

  /** The account of a principal ARN ({@code arn:<partition>:iam::<account>:...}). */
  static AccountId accountOf(String principal) {
    String[] parts = principal.split(":", 6);
    return new AccountId(parts[4]);
  }

  private static AccessRequest request(String principal, String action, Arn arn, Map<String, String> context) {
    return new AccessRequest(principal, accountOf(principal), action, arn, context);
  }
}
