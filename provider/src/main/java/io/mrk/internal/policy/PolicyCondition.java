package io.mrk.internal.policy;

import java.util.List;

/**
 * One test of a statement's {@code Condition} block: operator, key and the policy values (any-of).
 * A statement applies only when every one of its conditions holds (IAM: conditions are ANDed,
 * values of one key are ORed).
 */
public record PolicyCondition(ConditionOperator operator, ConditionKey key, List<String> values) {

  public PolicyCondition {
    if (operator == null || key == null || values == null || values.isEmpty()) {
      throw new IllegalArgumentException("a condition needs an operator, a key and at least one value");
    }
    values = List.copyOf(values);
  }

  /** True when the condition holds for {@code request}. */
  boolean holds(AccessRequest request) {
    return operator.holds(key.valuesIn(request), values);
  }
}
