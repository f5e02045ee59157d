package io.mrk.kms;

import java.util.List;

/**
 * DescribeKey's {@code MultiRegionConfiguration}: this key's role, the primary, and every replica.
 * Every related key reports the same primary and replica set.
 */
public record MultiRegionConfiguration(MultiRegionKeyType multiRegionKeyType, MultiRegionKey primaryKey,
                                       List<MultiRegionKey> replicaKeys) {
  public MultiRegionConfiguration {
    if (multiRegionKeyType == null || primaryKey == null) {
      throw new IllegalArgumentException("multiRegionKeyType and primaryKey are required");
    }
    replicaKeys = List.copyOf(replicaKeys);
  }
}
