package io.mrk.kms;

/**
 * The two pure decisions about identifiers that decryption relies on, exactly as the AWS Encryption
 * SDK specification makes them (framework/aws-kms/aws-kms-mrk-match-for-decrypt.md and
 * aws-kms-mrk-are-unique.md).
 */
public final class MultiRegionKeyMatch {

  private MultiRegionKeyMatch() {}

  /**
   * Whether {@code identifier} names a multi-Region key: a key ARN whose id starts with
   * {@code mrk-}, or a bare id that does. An alias, or an alias ARN, never does, whatever its name.
   */
  public static boolean isMultiRegionIdentifier(String identifier) {
    if (identifier == null) {
      return false;
    }
    if (Arn.looksLikeArn(identifier)) {
      try {
        return Arn.parse(identifier).isMultiRegionKey();
      } catch (KmsException e) {
        return false;
      }
    }
    // aws-kms-mrk-match-for-decrypt: "alias/" names are aliases, never MRKs.
    return !identifier.startsWith("alias/") && identifier.startsWith("mrk-");
  }

  /**
   * Whether a key named {@code a} may decrypt what {@code b} encrypted. Identical strings match.
   * Otherwise both must be multi-Region key ARNs that agree in everything but the Region:
   * partition, service, account, resource type and id. A bare id matches only itself; the same id
   * in another account or partition does not match.
   */
  public static boolean sameKeyForDecrypt(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    if (a.equals(b)) {
      return true;
    }
    if (!Arn.looksLikeArn(a) || !Arn.looksLikeArn(b)) {
      return false;
    }
    Arn x;
    Arn y;
    try {
      x = Arn.parse(a);
      y = Arn.parse(b);
    } catch (KmsException e) {
      return false;
    }
    if (!x.isMultiRegionKey() || !y.isMultiRegionKey()) {
      return false;
    }
    return x.partition().equals(y.partition())
        && x.service().equals(y.service())
        && x.account().equals(y.account())
        && x.resourceType().equals(y.resourceType())
        && x.resourceId().equals(y.resourceId());
  }
}
