package io.mrk.kms;

/**
 * A KMS ARN, {@code arn:<partition>:kms:<region>:<account>:<type>/<id>}, where type is {@code key}
 * or {@code alias}.
 *
 * <p>Parsing follows the AWS Encryption SDK specification (framework/aws-kms/aws-kms-key-arn.md):
 * exactly six colon-separated parts, {@code arn} first, a non-empty partition, service exactly
 * {@code kms}, a non-empty Region and account, and a resource that splits on its first {@code /}
 * into a type and a non-empty id (further slashes belong to the id). It is deliberately no stricter
 * than that, so that the "same multi-Region key" decision below is exactly the SDK's; MRK's own
 * registry checks Region codes and account ids where it resolves a key.
 */
public record Arn(String partition, String service, String region, String account,
                  String resourceType, String resourceId) {

  public static final String KEY = "key";
  public static final String ALIAS = "alias";

  /** An ARN whose parts satisfy the specification; use {@link #parse} for text. */
  public Arn {
    String problem = problem(partition, service, region, account, resourceType, resourceId);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** The key ARN of {@code keyId} in {@code region} of {@code account}. */
  public static Arn forKey(Region region, AccountId account, KeyId keyId) {
    return new Arn(region.partition().id(), "kms", region.code(), account.value(), KEY, keyId.value());
  }

  /** The alias ARN of {@code alias} in {@code region} of {@code account}. */
  public static Arn forAlias(Region region, AccountId account, AliasName alias) {
    return new Arn(region.partition().id(), "kms", region.code(), account.value(), ALIAS,
        alias.value().substring("alias/".length()));
  }

  /** True when {@code text} starts like an ARN, so that a caller can choose between id and ARN. */
  public static boolean looksLikeArn(String text) {
    return text != null && text.startsWith("arn:");
  }

  /** Parses an ARN, naming the part that is wrong when it is not a valid KMS ARN. */
  public static Arn parse(String text) throws KmsException {
    if (text == null || text.isEmpty()) {
      throw new KmsException(KmsError.INVALID_ARN, "ARN is missing.");
    }
    String[] parts = text.split(":", -1);
    if (parts.length != 6) {
      throw new KmsException(KmsError.INVALID_ARN, "Invalid ARN '" + Region.printable(text)
          + "': expected 6 ':'-separated parts (arn:partition:kms:region:account:resource), found "
          + parts.length + ".");
    }
    if (!"arn".equals(parts[0])) {
      throw new KmsException(KmsError.INVALID_ARN,
          "Invalid ARN '" + Region.printable(text) + "': it must begin with 'arn:'.");
    }
    String resource = parts[5];
    int slash = resource.indexOf('/');
    String type = slash < 0 ? resource : resource.substring(0, slash);
    String id = slash < 0 ? "" : resource.substring(slash + 1);
    String problem = problem(parts[1], parts[2], parts[3], parts[4], type, id);
    if (problem != null) {
      throw new KmsException(KmsError.INVALID_ARN, "Invalid ARN '" + Region.printable(text) + "': " + problem);
    }
    return new Arn(parts[1], parts[2], parts[3], parts[4], type, id);
  }

  private static String problem(String partition, String service, String region, String account,
                                String type, String id) {
    if (partition == null || partition.isEmpty()) {
      return "the partition is empty.";
    }
    if (!"kms".equals(service)) {
      return "the service must be 'kms'.";
    }
    if (region == null || region.isEmpty()) {
      return "the Region is empty.";
    }
    if (account == null || account.isEmpty()) {
      return "the account is empty.";
    }
    if (!KEY.equals(type) && !ALIAS.equals(type)) {
      return "the resource type must be 'key' or 'alias'.";
    }
    if (id == null || id.isEmpty()) {
      return "the resource id is empty.";
    }
    return null;
  }

  /** True for a key ARN whose id starts with {@code mrk-}; an alias ARN never is one. */
  public boolean isMultiRegionKey() {
    return KEY.equals(resourceType) && resourceId.startsWith("mrk-");
  }

  /** True for an ARN of type {@code key}. */
  public boolean isKey() {
    return KEY.equals(resourceType);
  }

  /** The same ARN in another Region (the ARN of a related multi-Region key there). */
  public Arn inRegion(String otherRegion) {
    return new Arn(partition, service, otherRegion, account, resourceType, resourceId);
  }

  /** The alias name {@code alias/<id>} of an alias ARN. */
  public String aliasName() {
    return "alias/" + resourceId;
  }

  @Override
  public String toString() {
    return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":"
        + resourceType + "/" + resourceId;
  }
}
