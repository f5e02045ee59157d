package io.mrk.internal.policy;

import io.mrk.kms.GrantConstraints;
import io.mrk.kms.GrantListEntry;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A grant as the policy evaluator needs it: which principal may perform which operations, under
 * which encryption-context constraint.
 *
 * <p>Constraints follow the KMS API reference (GrantConstraints): they apply only to operations that
 * take an encryption context; there, keys compare case-insensitively and values case-sensitively.
 * {@code EncryptionContextEquals} needs the request's context to be exactly the grant's;
 * {@code EncryptionContextSubset} needs every grant pair to be in the request's context.
 *
 * @param grantId the grant id, for the decision's explanation
 * @param granteePrincipal the principal ARN the grant allows
 * @param operations KMS operation names ({@code Encrypt}, {@code Decrypt}, ...)
 */
public record KeyGrant(String grantId, String granteePrincipal, Set<String> operations,
                       GrantConstraints constraints) {

  public KeyGrant {
    if (grantId == null || granteePrincipal == null || operations == null || operations.isEmpty()) {
      throw new IllegalArgumentException("a grant needs an id, a grantee and at least one operation");
    }
    for (String operation : operations) {
      if (!KmsActions.GRANT_OPERATIONS.contains(operation)) {
        throw new IllegalArgumentException("not a grant operation: " + operation);
      }
    }
    operations = Set.copyOf(new TreeSet<>(operations));
    constraints = constraints == null ? GrantConstraints.NONE : constraints;
  }

  /** The evaluator's view of a listed grant. */
  public static KeyGrant of(GrantListEntry entry) throws KmsException {
    return of(entry.grantId(), entry.granteePrincipal(), entry.operations(), entry.constraints());
  }

  /**
   * A grant, or {@code ValidationException} naming the first operation KMS does not accept in a
   * grant; the registry's CreateGrant can use this to validate its request.
   */
  public static KeyGrant of(String grantId, String granteePrincipal, List<String> operations,
                            GrantConstraints constraints) throws KmsException {
    if (granteePrincipal == null || granteePrincipal.isEmpty()) {
      throw new KmsException(KmsError.VALIDATION, "GranteePrincipal is missing.");
    }
    if (operations == null || operations.isEmpty()) {
      throw new KmsException(KmsError.VALIDATION, "Operations must name at least one operation.");
    }
    for (String operation : operations) {
      if (!KmsActions.GRANT_OPERATIONS.contains(operation)) {
        throw new KmsException(KmsError.VALIDATION, "Operations: '" + PolicyText.printable(operation)
            + "' is not a grant operation; expected one of " + new TreeSet<>(KmsActions.GRANT_OPERATIONS) + ".");
      }
    }
    return new KeyGrant(grantId, granteePrincipal, Set.copyOf(operations), constraints);
  }

  /**
   * True when this grant allows {@code request}. A constrained grant never allows CreateGrant: MRK
   * does not check that the new grant's constraints are at least as strict, so it refuses rather
   * than let a constrained grantee create an unconstrained grant.
   */
  boolean allows(AccessRequest request) {
    String operation = request.operation();
    if (!granteePrincipal.equals(request.principalArn()) || !operations.contains(operation)) {
      return false;
    }
    boolean constrained = constrained();
    if (!constrained || !KmsActions.WITH_ENCRYPTION_CONTEXT.contains(operation)) {
      return !(constrained && operation.equals("CreateGrant"));
    }
    Map<String, String> context = request.encryptionContext();
    if (!constraints.encryptionContextEquals().isEmpty()) {
      return containsAll(context, constraints.encryptionContextEquals())
          && containsAll(constraints.encryptionContextEquals(), context);
    }
    return containsAll(context, constraints.encryptionContextSubset());
  }

  /** True when the grant carries an encryption-context constraint. */
  boolean constrained() {
    return !constraints.encryptionContextEquals().isEmpty() || !constraints.encryptionContextSubset().isEmpty();
  }

  /** True when every pair of {@code required} is in {@code actual} (keys case-insensitive). */
  private static boolean containsAll(Map<String, String> actual, Map<String, String> required) {
    for (Map.Entry<String, String> need : required.entrySet()) {
      boolean found = false;
      for (Map.Entry<String, String> have : actual.entrySet()) {
        if (have.getKey().equalsIgnoreCase(need.getKey()) && have.getValue().equals(need.getValue())) {
          found = true;
          break;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }
}
