package io.mrk.kms;

/** One member of a multi-Region key set: its ARN and Region, as in {@code MultiRegionConfiguration}. */
public record MultiRegionKey(String arn, Region region) {
  public MultiRegionKey {
    if (arn == null || region == null) {
      throw new IllegalArgumentException("arn and region are required");
    }
  }
}
