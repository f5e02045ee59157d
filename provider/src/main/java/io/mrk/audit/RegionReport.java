package io.mrk.audit;

import io.mrk.kms.Region;
import java.nio.file.Path;

/**
 * One Region's verification result.
 *
 * @param region the Region
 * @param file the Region's log, or {@code null} when there is none
 * @param records how many records verified before the break (all of them when intact)
 * @param headLink hex of the last verified link (the Region's genesis value for an empty log)
 * @param anchored the sequence number the keystore anchored at its last write (0 when none)
 * @param pending committed events in the keystore's outbox that are not in the log yet (the next
 *     write appends them); not a break
 * @param firstBreak the first break, or {@code null} when the log verifies and agrees with the keystore
 */
public record RegionReport(Region region, Path file, long records, String headLink, long anchored, long pending,
                           ChainBreak firstBreak) {

  public RegionReport {
    if (region == null || headLink == null || records < 0 || anchored < 0 || pending < 0) {
      throw new IllegalArgumentException("a Region report names its Region and head link, with counts >= 0");
    }
  }

  /** True when every line verified and the log agrees with the keystore. */
  public boolean intact() {
    return firstBreak == null;
  }
}
