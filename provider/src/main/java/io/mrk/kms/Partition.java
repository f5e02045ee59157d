package io.mrk.kms;

/**
 * The AWS partitions MRK models. A partition is derived from a Region code, never chosen freely, and
 * multi-Region keys never cross partitions (KMS ReplicateKey: "same partition only").
 */
public enum Partition {
  AWS("aws"),
  AWS_CN("aws-cn"),
  AWS_US_GOV("aws-us-gov");

  private final String id;

  Partition(String id) {
    this.id = id;
  }

  /** The partition as it appears in an ARN: {@code aws}, {@code aws-cn} or {@code aws-us-gov}. */
  public String id() {
    return id;
  }

  /** The partition whose ARN spelling is {@code id}. */
  public static Partition fromId(String id) throws KmsException {
    for (Partition p : values()) {
      if (p.id.equals(id)) {
        return p;
      }
    }
    throw new KmsException(KmsError.VALIDATION, "Unknown partition '" + id
        + "': expected one of aws, aws-cn, aws-us-gov.");
  }

  @Override
  public String toString() {
    return id;
  }
}
