package io.mrk.internal.registry;

import io.mrk.kms.KeyState;
import java.time.Duration;
import java.time.Instant;

/**
 * What time alone does to a registry, applied lazily: before an operation reads or changes a
 * snapshot, every event due by then is applied in time order, each at its own instant.
 *
 * <ol>
 *   <li>A {@code Creating} replica or an {@code Updating} key settles when its transition ends.
 *   <li>A {@code PendingDeletion} key is deleted at its deletion date, with its aliases. When that
 *       removes the last replica of a primary in {@code PendingReplicaDeletion}, the primary moves
 *       to {@code PendingDeletion} and its waiting period starts then.
 *   <li>An enabled primary with automatic rotation gets one new version per elapsed period, dated at
 *       the period boundary.
 * </ol>
 */
final class Lifecycle {

  private Lifecycle() {}

  static Snapshot advance(Snapshot snapshot, Instant now, MaterialFactory materials) {
    Snapshot s = snapshot;
    while (s.nextEvent() != null && !s.nextEvent().isAfter(now)) {
      s = applyEventsAt(s, s.nextEvent(), materials);
    }
    return s;
  }

  private static Snapshot applyEventsAt(Snapshot snapshot, Instant t, MaterialFactory materials) {
    Snapshot s = snapshot;
    for (RegionalKey k : snapshot.regional().values()) {
      if (k.transitionUntil() != null && !k.transitionUntil().isAfter(t)) {
        s = s.with(k.withState(k.stateAfterTransition(), k.deletionDate(), k.deletionWindowDays()));
      }
    }
    for (KeyLocation location : snapshot.regional().keySet()) {
      RegionalKey k = s.regional().get(location);
      if (k != null && k.state() == KeyState.PENDING_DELETION && !k.deletionDate().isAfter(t)) {
        s = deleteAt(s, k, t);
      }
    }
    for (LogicalKey k : snapshot.keys().values()) {
      LogicalKey current = s.key(k.id());
      if (current != null && s.rotatesAutomatically(current) && !current.nextRotationDate().isAfter(t)) {
        Instant date = current.nextRotationDate();
        s = s.with(current.withVersion(
            materials.newVersion(current.versions().size() + 1, date, false),
            date.plus(current.rotationPeriod()), current.onDemandRotations()));
      }
    }
    return s;
  }

  private static Snapshot deleteAt(Snapshot snapshot, RegionalKey deleted, Instant t) {
    Snapshot s = snapshot.withoutRegional(deleted.location());
    LogicalKey key = s.key(deleted.id());
    if (key == null || !key.replicaRegions().isEmpty()) {
      return s;
    }
    RegionalKey primary = s.regional(key.primaryRegion(), key.id());
    if (primary != null && primary.state() == KeyState.PENDING_REPLICA_DELETION) {
      int window = primary.deletionWindowDays();
      s = s.with(primary.withState(KeyState.PENDING_DELETION, t.plus(Duration.ofDays(window)), window));
    }
    return s;
  }
}
