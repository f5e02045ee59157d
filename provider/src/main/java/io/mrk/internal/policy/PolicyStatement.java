package io.mrk.internal.policy;

import java.util.List;

/**
 * One parsed statement of a key policy, fully understood: anything MRK cannot evaluate was refused
 * by {@link PolicyParser} and never reaches this type.
 *
 * @param sid the {@code Sid}, or {@code null}
 * @param anyPrincipal true for {@code "*"} (or {@code {"AWS": "*"}})
 * @param principals principal ARNs, exact-match (account ids already expanded to the account root)
 * @param actions action patterns such as {@code kms:GenerateDataKey*}, matched case-insensitively
 * @param resources {@code "*"} or the key ARN the policy was parsed for
 * @param conditions all must hold
 */
public record PolicyStatement(String sid, Effect effect, boolean anyPrincipal, List<String> principals,
                              List<String> actions, List<String> resources, List<PolicyCondition> conditions) {

  static final String ANY = "*";

  public PolicyStatement {
    if (effect == null || actions == null || actions.isEmpty()) {
      throw new IllegalArgumentException("a statement needs an effect and at least one action");
    }
    principals = List.copyOf(principals == null ? List.of() : principals);
    if (!anyPrincipal && principals.isEmpty()) {
      throw new IllegalArgumentException("a statement needs a principal");
    }
    actions = List.copyOf(actions);
    if (resources == null || resources.isEmpty()) {
      throw new IllegalArgumentException("a statement needs a resource");
    }
    resources = List.copyOf(resources);
    conditions = List.copyOf(conditions == null ? List.of() : conditions);
  }

  /**
   * True when this statement covers {@code request}: principal, resource, action and every
   * condition match.
   */
  boolean applies(AccessRequest request) {
    return appliesApartFromContext(request) && conditionsHold(request, false);
  }

  /** True when a condition of this statement tests an encryption-context key. */
  boolean testsEncryptionContext() {
    for (PolicyCondition condition : conditions) {
      if (condition.key().kind() == ConditionKey.Kind.ENCRYPTION_CONTEXT) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when principal, resource, action and every condition that does not test the encryption
   * context match; for evaluation before the encryption context is known.
   */
  boolean appliesIgnoringContext(AccessRequest request) {
    return appliesApartFromContext(request) && conditionsHold(request, true);
  }

  private boolean conditionsHold(AccessRequest request, boolean skipContext) {
    for (PolicyCondition condition : conditions) {
      if (skipContext && condition.key().kind() == ConditionKey.Kind.ENCRYPTION_CONTEXT) {
        continue;
      }
      if (!condition.holds(request)) {
        return false;
      }
    }
    return true;
  }

  private boolean appliesApartFromContext(AccessRequest request) {
    if (!anyPrincipal && !principals.contains(request.principalArn())) {
      return false;
    }
    if (!resources.contains(ANY) && !resources.contains(request.resource().toString())) {
      return false;
    }
    boolean actionMatches = false;
    for (String action : actions) {
      if (new WildcardPattern(action, true).matches(request.action())) {
        actionMatches = true;
        break;
      }
    }
    return actionMatches;
  }
}
