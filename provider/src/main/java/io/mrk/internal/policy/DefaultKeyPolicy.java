package io.mrk.internal.policy;

import io.mrk.kms.AccountId;
import io.mrk.kms.Partition;

/**
 * The default key policy KMS attaches when CreateKey or ReplicateKey gets no policy: the account's
 * root principal may perform every KMS action on the key.
 *
 * <p>In KMS this statement ("Enable IAM User Permissions") also delegates access to the account's
 * IAM policies. MRK has no IAM, so under this policy only the account root is allowed; other
 * principals need their own statement or a grant.
 */
public final class DefaultKeyPolicy {

  private DefaultKeyPolicy() {
  }

  /** The default policy text for {@code account}, laid out as GetKeyPolicy returns it in KMS. */
  public static String document(Partition partition, AccountId account) {
    return "{\n"
        + "  \"Version\" : \"2012-10-17\",\n"
        + "  \"Id\" : \"key-default-1\",\n"
        + "  \"Statement\" : [ {\n"
        + "    \"Sid\" : \"Enable IAM User Permissions\",\n"
        + "    \"Effect\" : \"Allow\",\n"
        + "    \"Principal\" : {\n"
        + "      \"AWS\" : \"" + rootPrincipal(partition, account) + "\"\n"
        + "    },\n"
        + "    \"Action\" : \"kms:*\",\n"
        + "    \"Resource\" : \"*\"\n"
        + "  } ]\n"
        + "}";
  }

  /** The account's root principal ARN, {@code arn:<partition>:iam::<account>:root}. */
  public static String rootPrincipal(Partition partition, AccountId account) {
    return rootPrincipal(partition.id(), account.value());
  }

  static String rootPrincipal(String partition, String account) {
    return "arn:" + partition + ":iam::" + account + ":root";
  }
}
