package io.mrk.internal.policy;

/** A policy statement's effect, spelled as the policy language spells it. */
public enum Effect {
  ALLOW("Allow"),
  DENY("Deny");

  private final String spelling;

  Effect(String spelling) {
    this.spelling = spelling;
  }

  /** {@code Allow} or {@code Deny}. */
  public String spelling() {
    return spelling;
  }
}
