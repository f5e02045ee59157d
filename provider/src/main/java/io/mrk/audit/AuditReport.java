package io.mrk.audit;

import java.util.List;

/**
 * The result of verifying a keystore's audit trail: one {@link RegionReport} for every Region that
 * has a log, is anchored in the keystore, holds keys, or has committed events pending.
 *
 * @param regions the Regions' results, ordered by Region
 */
public record AuditReport(List<RegionReport> regions) {

  public AuditReport {
    regions = List.copyOf(regions);
  }

  /** True when every Region verified. */
  public boolean intact() {
    return regions.stream().allMatch(RegionReport::intact);
  }
}
