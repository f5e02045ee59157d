package io.mrk.internal.policy;

import io.mrk.kms.AccountId;
import io.mrk.kms.Arn;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a caller asks to do, as the policy evaluator sees it: who, from which account, which action
 * on which key, with which encryption context.
 *
 * @param principalArn the caller, e.g. {@code arn:aws:iam::111122223333:root} or a role ARN
 * @param callerAccount the caller's account ({@code kms:CallerAccount})
 * @param action {@code kms:} and the KMS operation name, e.g. {@code kms:Decrypt}
 * @param resource the key ARN in the Region where the operation runs
 * @param encryptionContext the request's encryption context, empty when it has none
 */
public record AccessRequest(String principalArn, AccountId callerAccount, String action, Arn resource,
                            Map<String, String> encryptionContext) {

  private static final Pattern ACTION = Pattern.compile("kms:[A-Za-z]+");

  public AccessRequest {
    if (principalArn == null || principalArn.isEmpty() || callerAccount == null || resource == null) {
      throw new IllegalArgumentException("an access request needs a principal, an account and a key ARN");
    }
    if (action == null || !ACTION.matcher(action).matches()) {
      throw new IllegalArgumentException("the action must be kms:<Operation>");
    }
    if (!resource.isKey()) {
      throw new IllegalArgumentException("the resource must be a key ARN, not an alias ARN");
    }
    encryptionContext = Map.copyOf(new TreeMap<>(encryptionContext == null ? Map.of() : encryptionContext));
  }

  /** The operation name without the {@code kms:} prefix, e.g. {@code Decrypt}. */
  public String operation() {
    return action.substring(KmsActions.PREFIX.length());
  }
}
