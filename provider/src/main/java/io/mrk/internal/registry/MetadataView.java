package io.mrk.internal.registry;

import io.mrk.kms.AccountId;
import io.mrk.kms.Arn;
import io.mrk.kms.KeyMetadata;
import io.mrk.kms.KeyState;
import io.mrk.kms.MultiRegionConfiguration;
import io.mrk.kms.MultiRegionKey;
import io.mrk.kms.MultiRegionKeyType;
import io.mrk.kms.Region;
import java.util.ArrayList;
import java.util.List;

/** Builds what DescribeKey returns from a key's shared and independent properties. */
final class MetadataView {

  static final String KEY_MANAGER = "CUSTOMER";

  private MetadataView() {}

  static KeyMetadata describe(AccountId account, LogicalKey shared, RegionalKey local) {
    Region region = local.region();
    MultiRegionConfiguration config = null;
    if (shared.multiRegion()) {
      List<MultiRegionKey> replicas = new ArrayList<>();
      for (Region r : shared.replicaRegions()) {
        replicas.add(new MultiRegionKey(Arn.forKey(r, account, shared.id()).toString(), r));
      }
      config = new MultiRegionConfiguration(
          region.equals(shared.primaryRegion()) ? MultiRegionKeyType.PRIMARY : MultiRegionKeyType.REPLICA,
          new MultiRegionKey(Arn.forKey(shared.primaryRegion(), account, shared.id()).toString(),
              shared.primaryRegion()),
          replicas);
    }
    return new KeyMetadata(account.value(), shared.id(), Arn.forKey(region, account, shared.id()).toString(),
        region, local.creationDate(), local.state() == KeyState.ENABLED, local.description(),
        shared.keyUsage(), local.state(), local.deletionDate(), local.deletionWindowDays(),
        shared.origin(), KEY_MANAGER, shared.keySpec(), List.of("SYMMETRIC_DEFAULT"),
        shared.multiRegion(), config, shared.latest().materialId());
  }
}
