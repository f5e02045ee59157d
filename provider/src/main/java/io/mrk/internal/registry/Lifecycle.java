package io.mrk.internal.registry;

import io.mrk.kms.KeyState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
 *
 * <p>Only the last event mints a secret, so only a writer applies it ({@link #advance}, inside a
 * write that is then committed). A reader of a persisted registry applies the first two alone
 * ({@link #settle}): they are a pure function of the bytes and the instant, so every reader computes
 * the same state, whereas two readers minting a version each would create two different "version
 * 2"s and lose whatever was encrypted under either. Settling first and rotating later gives the
 * same state as applying everything in time order, because no settling event depends on a rotation
 * and a rotation depends only on whether its key and primary exist and are usable, which settling
 * decides identically in both orders.
 */
final class Lifecycle {

  private Lifecycle() {}

  /** Every event due by {@code now}, rotations included: for a writer, whose result is persisted. */
  static Snapshot advance(Snapshot snapshot, Instant now, MaterialFactory materials) {
    Snapshot s = snapshot;
    while (s.nextEvent() != null && !s.nextEvent().isAfter(now)) {
      s = applyEventsAt(s, s.nextEvent(), materials);
    }
    return s;
  }

  /** The events due by {@code now} that mint nothing: for a reader; deterministic in its inputs. */
  static Snapshot settle(Snapshot snapshot, Instant now) {
    Snapshot s = snapshot;
    while (s.nextSettlingEvent() != null && !s.nextSettlingEvent().isAfter(now)) {
      s = applyEventsAt(s, s.nextSettlingEvent(), null);
    }
    return s;
  }

  /** Applies the events due at {@code t}; rotations only when {@code materials} is given. */
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
    for (LogicalKey k : materials == null ? List.<LogicalKey>of() : snapshot.keys().values()) {
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
