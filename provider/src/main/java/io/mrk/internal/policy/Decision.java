package io.mrk.internal.policy;

import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;

/**
 * The outcome of {@link PolicyEvaluator#evaluate}: allowed or not, and on what basis.
 *
 * @param basis why
 * @param statementSid the deciding statement's {@code Sid} for {@link Basis#POLICY_ALLOW} and
 *     {@link Basis#EXPLICIT_DENY}, or {@code null} (no decisive statement, or it had no Sid)
 * @param grantId the allowing grant for {@link Basis#GRANT_ALLOW}, else {@code null}
 */
public record Decision(Basis basis, String statementSid, String grantId) {

  /** Why a request was allowed or denied. */
  public enum Basis {
    /** A key-policy statement with {@code Allow} applies and no {@code Deny} does. */
    POLICY_ALLOW,
    /** No policy statement allows, a grant does, and no {@code Deny} applies. */
    GRANT_ALLOW,
    /** A key-policy statement with {@code Deny} applies; nothing overrides it. */
    EXPLICIT_DENY,
    /** Nothing allows (implicit deny). */
    NO_ALLOW
  }

  public Decision {
    if (basis == null || (grantId != null) != (basis == Basis.GRANT_ALLOW)) {
      throw new IllegalArgumentException("a grant id accompanies exactly the grant-allow decisions");
    }
  }

  /** True when the request may proceed. */
  public boolean allowed() {
    return basis == Basis.POLICY_ALLOW || basis == Basis.GRANT_ALLOW;
  }

  /**
   * The AccessDeniedException message in the AWS wording, e.g. {@code User: <principal> is not
   * authorized to perform: kms:Decrypt on resource: <arn> because no resource-based policy allows
   * the kms:Decrypt action}.
   */
  public String denialMessage(AccessRequest request) {
    String head = "User: " + request.principalArn() + " is not authorized to perform: " + request.action()
        + " on resource: " + request.resource();
    return basis == Basis.EXPLICIT_DENY
        ? head + " with an explicit deny in a resource-based policy"
        : head + " because no resource-based policy allows the " + request.action() + " action";
  }

  /** Returns when allowed; otherwise throws {@code AccessDeniedException} with {@link #denialMessage}. */
  public void requireAllowed(AccessRequest request) throws KmsException {
    if (!allowed()) {
      throw new KmsException(KmsError.ACCESS_DENIED, denialMessage(request));
    }
  }
}
