package io.mrk.internal.audit;

/**
 * CloudTrail's {@code userIdentity}: who made the call.
 *
 * @param type {@code Root}, {@code IAMUser}, {@code AssumedRole}, {@code AWSService}, ...
 * @param arn the principal ARN, or {@code null} for a service
 * @param accountId the 12-digit account, or {@code null} for a service
 * @param accessKeyId the access key the request was signed with, or {@code null} (in process, a service)
 */
public record AuditIdentity(String type, String arn, String accountId, String accessKeyId) {

  /** The identity of KMS itself, for service events such as {@code SynchronizeMultiRegionKey}. */
  public static final AuditIdentity KMS_SERVICE = new AuditIdentity("AWSService", null, null, null);

  public AuditIdentity {
    if (type == null || type.isEmpty()) {
      throw new IllegalArgumentException("an identity has a type");
    }
  }

  /** An identity without an access key. */
  public AuditIdentity(String type, String arn, String accountId) {
    this(type, arn, accountId, null);
  }

  /** The identity of {@code principalArn} in {@code accountId}, its type read from the ARN. */
  public static AuditIdentity ofPrincipal(String principalArn, String accountId) {
    return ofPrincipal(principalArn, accountId, null);
  }

  /** The same, for a request signed with {@code accessKeyId} (may be {@code null}). */
  public static AuditIdentity ofPrincipal(String principalArn, String accountId, String accessKeyId) {
    String type;
    if (principalArn.endsWith(":root")) {
      type = "Root";
    } else if (principalArn.contains(":user/")) {
      type = "IAMUser";
    } else if (principalArn.contains(":assumed-role/") || principalArn.contains(":role/")) {
      type = "AssumedRole";
    } else {
      type = "Unknown";
    }
    return new AuditIdentity(type, principalArn, accountId, accessKeyId);
  }
}
