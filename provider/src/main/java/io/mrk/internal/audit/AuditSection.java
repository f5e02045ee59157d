package io.mrk.internal.audit;

import io.mrk.kms.Region;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The audit state a write seals into the keystore (registry encoding version 3): how many writes
 * carried it, each Region's anchor, and the outbox of events committed with the write but perhaps
 * not yet appended to their logs.
 *
 * @param writes the number of audited writes so far (the anchors' generation)
 * @param anchors one per Region that has a log, by Region
 * @param outbox pending events in the order they are to be appended
 * @param legacy true for a payload from before chain version 2 (no section stored): its logs are
 *     archived by the first write that stores a section
 */
public record AuditSection(long writes, SortedMap<Region, AuditAnchor> anchors, List<PendingEvent> outbox,
                           boolean legacy) {

  /** The most pending events one payload carries; older ones beyond it collapse into a drop count. */
  public static final int MAX_OUTBOX_EVENTS = 4096;

  public AuditSection {
    if (writes < 0 || anchors == null || outbox == null) {
      throw new IllegalArgumentException("an audit section has a write count >= 0, anchors and an outbox");
    }
    for (Map.Entry<Region, AuditAnchor> e : anchors.entrySet()) {
      if (!e.getValue().region().equals(e.getKey())) {
        throw new IllegalArgumentException("anchor of " + e.getValue().region() + " filed under " + e.getKey());
      }
    }
    if (outbox.size() > MAX_OUTBOX_EVENTS) {
      throw new IllegalArgumentException("an outbox holds at most " + MAX_OUTBOX_EVENTS + " events");
    }
    anchors = Collections.unmodifiableSortedMap(new TreeMap<>(anchors));
    outbox = List.copyOf(outbox);
  }

  /** The section of a keystore that has none yet (new, or written before chain version 2). */
  public static AuditSection empty(boolean legacy) {
    return new AuditSection(0, new TreeMap<>(), List.of(), legacy);
  }

  /** The pending events of {@code region}, in order. */
  public List<PendingEvent> outboxOf(Region region) {
    List<PendingEvent> mine = new ArrayList<>();
    for (PendingEvent p : outbox) {
      if (p.region().equals(region)) {
        mine.add(p);
      }
    }
    return mine;
  }
}
