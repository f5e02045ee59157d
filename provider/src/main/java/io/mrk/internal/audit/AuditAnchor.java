package io.mrk.internal.audit;

import io.mrk.kms.Region;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A point of one Region's audit log sealed into the keystore by a write: the log had at least
 * {@code sequence} records, the last of them with link {@code head}, ending at byte {@code endOffset}.
 * A log that later ends before it, or holds another record there, was truncated, deleted or replaced
 * by an older copy.
 *
 * @param sequence the record's sequence number (0 with the genesis value for an empty log)
 * @param head the record's link (32 bytes, copied)
 * @param endOffset the log's length in bytes up to and including that record's newline
 */
public record AuditAnchor(Region region, long sequence, byte[] head, long endOffset) {

  public AuditAnchor {
    if (region == null || head == null || head.length != AuditChain.LINK_BYTES || sequence < 0
        || endOffset < 0 || (sequence == 0) != (endOffset == 0)) {
      throw new IllegalArgumentException("an audit anchor names a Region, a sequence >= 0, a 32-byte head"
          + " and the log length at that record (0 exactly for sequence 0)");
    }
    head = head.clone();
  }

  /** The anchor of an empty log of {@code region}. */
  public static AuditAnchor genesis(Region region) {
    return new AuditAnchor(region, 0, AuditChain.genesis(region), 0);
  }

  @Override
  public byte[] head() {
    return head.clone();
  }

  /** The head link in hex, as {@code mrk audit verify} prints it. */
  public String headHex() {
    return HexFormat.of().formatHex(head);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditAnchor a && a.region.equals(region) && a.sequence == sequence
        && a.endOffset == endOffset && Arrays.equals(a.head, head);
  }

  @Override
  public int hashCode() {
    return region.hashCode() * 31 + Long.hashCode(sequence);
  }

  @Override
  public String toString() {
    return region + "#" + sequence + "@" + endOffset + ":" + headHex().substring(0, 12);
  }
}
