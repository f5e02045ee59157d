package io.mrk.kms;

import java.util.List;

/**
 * CreateKey's parameters. Only symmetric encryption keys with KMS-generated material exist in MRK:
 * {@code SYMMETRIC_DEFAULT}, {@code ENCRYPT_DECRYPT}, origin {@code AWS_KMS}; anything else is
 * refused at CreateKey.
 *
 * @param policy the key policy JSON, or {@code null} for the default key policy
 */
public record CreateKeyRequest(boolean multiRegion, String description, String policy, List<Tag> tags,
                               String keyUsage, String keySpec, String origin) {

  public static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";
  public static final String ENCRYPT_DECRYPT = "ENCRYPT_DECRYPT";
  public static final String AWS_KMS = "AWS_KMS";

  public CreateKeyRequest {
    description = description == null ? "" : description;
    tags = tags == null ? List.of() : List.copyOf(tags);
    keyUsage = keyUsage == null ? ENCRYPT_DECRYPT : keyUsage;
    keySpec = keySpec == null ? SYMMETRIC_DEFAULT : keySpec;
    origin = origin == null ? AWS_KMS : origin;
  }

  /** A multi-Region primary with defaults for everything else. */
  public static CreateKeyRequest multiRegionKey(String description) {
    return new CreateKeyRequest(true, description, null, List.of(), null, null, null);
  }

  /** A single-Region key with defaults for everything else. */
  public static CreateKeyRequest singleRegionKey(String description) {
    return new CreateKeyRequest(false, description, null, List.of(), null, null, null);
  }
}
