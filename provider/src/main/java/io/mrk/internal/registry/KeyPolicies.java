package io.mrk.internal.registry;

import io.mrk.internal.policy.PolicyDocument;
import io.mrk.json.Json;
import io.mrk.kms.AccountId;
import io.mrk.kms.Arn;
import io.mrk.kms.KmsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The key policy of a key entering the registry: the given document, or KMS's default when none
 * is given, always as a {@link PolicyDocument} parsed for that key's ARN. Every entry point
 * (CreateKey, ReplicateKey, PutKeyPolicy and the decoder) goes through {@link PolicyDocument#parse},
 * so all refuse the same documents.
 */
final class KeyPolicies {

  private KeyPolicies() {}

  /** {@code text} parsed for {@code keyArn}, or the default key policy when {@code text} is {@code null}. */
  static PolicyDocument orDefault(String text, Arn keyArn, AccountId account) throws KmsException {
    return PolicyDocument.parse(text == null ? defaultPolicy(keyArn, account) : text, keyArn);
  }

  /**
   * KMS's default key policy: the account's root principal may do {@code kms:*}, which hands
   * access control to IAM policies.
   */
  static String defaultPolicy(Arn keyArn, AccountId account) {
    Map<String, Object> principal = new LinkedHashMap<>();
    principal.put("AWS", "arn:" + keyArn.partition() + ":iam::" + account.value() + ":root");
    Map<String, Object> statement = new LinkedHashMap<>();
    statement.put("Sid", "Enable IAM User Permissions");
    statement.put("Effect", "Allow");
    statement.put("Principal", principal);
    statement.put("Action", "kms:*");
    statement.put("Resource", "*");
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("Version", "2012-10-17");
    policy.put("Id", "key-default-1");
    policy.put("Statement", List.of(statement));
    return Json.writePretty(policy);
  }
}
