package io.mrk.internal.registry;

import io.mrk.internal.json.Json;
import io.mrk.internal.json.JsonException;
import io.mrk.kms.AccountId;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Partition;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The default key policy and the checks a key policy document must pass. */
final class KeyPolicies {

  /** KMS's limit on a key policy document, in bytes. */
  static final int MAX_POLICY_BYTES = 32768;

  private KeyPolicies() {}

  /**
   * KMS's default key policy: the account's root principal may do {@code kms:*}, which hands
   * access control to IAM policies.
   */
  static String defaultPolicy(Partition partition, AccountId account) {
    Map<String, Object> principal = new LinkedHashMap<>();
    principal.put("AWS", "arn:" + partition.id() + ":iam::" + account.value() + ":root");
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

  /** Checks {@code policy} is a JSON object of at most 32768 bytes (UTF-8) and returns it unchanged. */
  static String check(String policy) throws KmsException {
    if (policy == null || policy.isEmpty()) {
      throw new KmsException(KmsError.MALFORMED_POLICY_DOCUMENT, "The key policy is empty.");
    }
    if (policy.length() > MAX_POLICY_BYTES
        || policy.getBytes(StandardCharsets.UTF_8).length > MAX_POLICY_BYTES) {
      throw new KmsException(KmsError.MALFORMED_POLICY_DOCUMENT,
          "The key policy is longer than " + MAX_POLICY_BYTES + " bytes.");
    }
    Object parsed;
    try {
      parsed = Json.parse(policy);
    } catch (JsonException e) {
      throw new KmsException(KmsError.MALFORMED_POLICY_DOCUMENT,
          "The key policy is not valid JSON: " + e.getMessage());
    }
    if (!(parsed instanceof Map)) {
      throw new KmsException(KmsError.MALFORMED_POLICY_DOCUMENT, "The key policy must be a JSON object.");
    }
    return policy;
  }
}
