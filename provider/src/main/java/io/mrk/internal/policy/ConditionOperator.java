package io.mrk.internal.policy;

import java.util.List;

/**
 * The condition operators MRK evaluates (IAM JSON policy reference, "String condition operators").
 * Every other operator, including the {@code ...IfExists} forms and the {@code ForAllValues:} and
 * {@code ForAnyValue:} set qualifiers, is refused when the policy is parsed.
 */
public enum ConditionOperator {
  STRING_EQUALS("StringEquals", false, false),
  STRING_NOT_EQUALS("StringNotEquals", false, true),
  STRING_LIKE("StringLike", true, false),
  STRING_NOT_LIKE("StringNotLike", true, true);

  private final String spelling;
  private final boolean wildcards;
  private final boolean negated;

  ConditionOperator(String spelling, boolean wildcards, boolean negated) {
    this.spelling = spelling;
    this.wildcards = wildcards;
    this.negated = negated;
  }

  /** The operator as a policy spells it. */
  public String spelling() {
    return spelling;
  }

  /** The operator spelled {@code name} (case-sensitive, as IAM), or {@code null}. */
  static ConditionOperator bySpelling(String name) {
    for (ConditionOperator op : values()) {
      if (op.spelling.equals(name)) {
        return op;
      }
    }
    return null;
  }

  /**
   * Whether the condition holds for the request's values of the key ({@code present} empty when
   * the request lacks the key). Positive operators need some request value to match some policy
   * value; negated operators hold when no request value matches any policy value, so they also hold
   * when the key is absent, as IAM evaluates them.
   */
  boolean holds(List<String> present, List<String> policyValues) {
    boolean anyMatch = false;
    for (String actual : present) {
      for (String expected : policyValues) {
        if (wildcards ? new WildcardPattern(expected, false).matches(actual) : expected.equals(actual)) {
          anyMatch = true;
          break;
        }
      }
    }
    return negated != anyMatch;
  }
}
