package io.mrk.internal.policy;

import io.mrk.kms.Arn;
import io.mrk.kms.KmsException;
import java.util.Objects;

/**
 * A key policy as it entered MRK: the text exactly as given (what GetKeyPolicy returns and the
 * keystore stores) and its parsed, validated form for the key it belongs to (what
 * {@link PolicyEvaluator} evaluates).
 *
 * <p>The only way to make one is {@link #parse}, so every entry point (CreateKey, ReplicateKey,
 * PutKeyPolicy, the registry decoder) applies the same rules, and a document that exists has been
 * fully understood: evaluation never parses text again, and nothing can store a policy that
 * PutKeyPolicy would refuse.
 */
public final class PolicyDocument {

  private final String text;
  private final Arn keyArn;
  private final KeyPolicy policy;

  private PolicyDocument(String text, Arn keyArn, KeyPolicy policy) {
    this.text = text;
    this.keyArn = keyArn;
    this.policy = policy;
  }

  /**
   * Parses {@code text} as the policy of the key {@code keyArn} ({@link PolicyParser#parse});
   * {@code MalformedPolicyDocumentException} names what is wrong.
   */
  public static PolicyDocument parse(String text, Arn keyArn) throws KmsException {
    return new PolicyDocument(text, keyArn, PolicyParser.parse(text, keyArn));
  }

  /** The document exactly as it was given. */
  public String text() {
    return text;
  }

  /** The key this document was validated for; its {@code Resource} elements name it or {@code "*"}. */
  public Arn keyArn() {
    return keyArn;
  }

  /** The parsed form. */
  public KeyPolicy policy() {
    return policy;
  }

  /** Equal when the text and the key are: the parsed form is a function of the two. */
  @Override
  public boolean equals(Object o) {
    return o instanceof PolicyDocument d && d.text.equals(text) && d.keyArn.equals(keyArn);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, keyArn);
  }

  @Override
  public String toString() {
    return "PolicyDocument[" + keyArn + ", " + policy.statements().size() + " statements]";
  }
}
