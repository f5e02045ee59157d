package io.mrk.internal.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A condition key MRK understands: {@code kms:EncryptionContext:<key>}, {@code kms:CallerAccount}
 * or {@code aws:PrincipalArn}. Condition key names are case-insensitive in IAM, and KMS documents the
 * encryption-context key inside the condition key as case-insensitive too (use
 * {@code kms:EncryptionContextKeys} for case-sensitive keys in KMS; MRK does not support that key).
 *
 * @param kind what the key reads from the request
 * @param contextKey the encryption-context key for {@link Kind#ENCRYPTION_CONTEXT}, else {@code null}
 * @param spelling the key as the policy wrote it, for messages
 */
public record ConditionKey(Kind kind, String contextKey, String spelling) {

  /** What a condition key reads from the request. */
  public enum Kind { ENCRYPTION_CONTEXT, CALLER_ACCOUNT, PRINCIPAL_ARN }

  private static final String ENCRYPTION_CONTEXT_PREFIX = "kms:encryptioncontext:";

  public ConditionKey {
    if (kind == null || spelling == null || (kind == Kind.ENCRYPTION_CONTEXT) == (contextKey == null)) {
      throw new IllegalArgumentException("an encryption-context condition key, and only that, has a context key");
    }
  }

  /** The key spelled {@code name}, or {@code null} when MRK does not support it. */
  static ConditionKey parse(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith(ENCRYPTION_CONTEXT_PREFIX) && lower.length() > ENCRYPTION_CONTEXT_PREFIX.length()) {
      return new ConditionKey(Kind.ENCRYPTION_CONTEXT, name.substring(ENCRYPTION_CONTEXT_PREFIX.length()), name);
    }
    if (lower.equals("kms:calleraccount")) {
      return new ConditionKey(Kind.CALLER_ACCOUNT, null, name);
    }
    if (lower.equals("aws:principalarn")) {
      return new ConditionKey(Kind.PRINCIPAL_ARN, null, name);
    }
    return null;
  }

  /** The request's values for this key: none when the request lacks it. */
  List<String> valuesIn(AccessRequest request) {
    return switch (kind) {
      case CALLER_ACCOUNT -> List.of(request.callerAccount().value());
      case PRINCIPAL_ARN -> List.of(request.principalArn());
      case ENCRYPTION_CONTEXT -> {
        List<String> values = new ArrayList<>(1);
        for (Map.Entry<String, String> e : request.encryptionContext().entrySet()) {
          if (e.getKey().equalsIgnoreCase(contextKey)) {
            values.add(e.getValue());
          }
        }
        yield values;
      }
    };
  }
}
