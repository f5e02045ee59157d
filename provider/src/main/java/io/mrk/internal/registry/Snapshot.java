package io.mrk.internal.registry;

import io.mrk.kms.AliasName;
import io.mrk.kms.KeyId;
import io.mrk.kms.KeyState;
import io.mrk.kms.Region;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One immutable state of a registry: the shared properties per key, the independent properties per
 * (Region, key) and the aliases per Region. Every change makes a new snapshot, so a reader always
 * sees one consistent state and a refused operation cannot leave a partial change behind.
 *
 * <p>{@link #nextEvent()} is the earliest instant at which time alone changes this state (a
 * {@code Creating}/{@code Updating} key settling, a deletion falling due, an automatic rotation);
 * {@link #nextSettlingEvent()} the earliest such change that needs no randomness (everything but
 * rotation), which is all a reader of a persisted registry may apply. Readers compare the clock
 * against it and take the registry lock only when it has passed.
 */
final class Snapshot {

  static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), Map.of());

  private final SortedMap<KeyId, LogicalKey> keys;
  private final SortedMap<KeyLocation, RegionalKey> regional;
  private final SortedMap<AliasLocation, AliasTarget> aliases;
  private final Instant nextEvent;
  private final Instant nextSettlingEvent;

  Snapshot(Map<KeyId, LogicalKey> keys, Map<KeyLocation, RegionalKey> regional,
           Map<AliasLocation, AliasTarget> aliases) {
    this.keys = Collections.unmodifiableSortedMap(new TreeMap<>(keys));
    this.regional = Collections.unmodifiableSortedMap(new TreeMap<>(regional));
    this.aliases = Collections.unmodifiableSortedMap(new TreeMap<>(aliases));
    this.nextSettlingEvent = earliestSettlingEvent();
    this.nextEvent = earlier(nextSettlingEvent, earliestRotation());
  }

  SortedMap<KeyId, LogicalKey> keys() {
    return keys;
  }

  SortedMap<KeyLocation, RegionalKey> regional() {
    return regional;
  }

  SortedMap<AliasLocation, AliasTarget> aliases() {
    return aliases;
  }

  Instant nextEvent() {
    return nextEvent;
  }

  /** The earliest time-driven change that mints nothing: a transition ending or a deletion falling due. */
  Instant nextSettlingEvent() {
    return nextSettlingEvent;
  }

  /** The earliest automatic rotation date of a key that rotates; null when none does. */
  Instant earliestRotation() {
    Instant earliest = null;
    for (LogicalKey k : keys.values()) {
      if (rotatesAutomatically(k)) {
        earliest = earlier(earliest, k.nextRotationDate());
      }
    }
    return earliest;
  }

  LogicalKey key(KeyId id) {
    return keys.get(id);
  }

  RegionalKey regional(Region region, KeyId id) {
    return regional.get(new KeyLocation(region, id));
  }

  AliasTarget alias(Region region, AliasName name) {
    return aliases.get(new AliasLocation(region, name));
  }

  SortedSet<Region> regions() {
    SortedSet<Region> regions = new TreeSet<>();
    for (KeyLocation l : regional.keySet()) {
      regions.add(l.region());
    }
    return Collections.unmodifiableSortedSet(regions);
  }

  List<RegionalKey> regionalKeysOf(KeyId id) {
    List<RegionalKey> out = new ArrayList<>();
    for (RegionalKey k : regional.values()) {
      if (k.id().equals(id)) {
        out.add(k);
      }
    }
    return out;
  }

  Snapshot with(LogicalKey key) {
    Map<KeyId, LogicalKey> k = new TreeMap<>(keys);
    k.put(key.id(), key);
    return new Snapshot(k, regional, aliases);
  }

  Snapshot with(RegionalKey key) {
    Map<KeyLocation, RegionalKey> r = new TreeMap<>(regional);
    r.put(key.location(), key);
    return new Snapshot(keys, r, aliases);
  }

  Snapshot with(AliasLocation alias, AliasTarget target) {
    Map<AliasLocation, AliasTarget> a = new TreeMap<>(aliases);
    a.put(alias, target);
    return new Snapshot(keys, regional, a);
  }

  Snapshot without(AliasLocation alias) {
    Map<AliasLocation, AliasTarget> a = new TreeMap<>(aliases);
    a.remove(alias);
    return new Snapshot(keys, regional, a);
  }

  /**
   * Deletes the key in {@code location} as KMS does when its waiting period ends: its aliases in
   * that Region go too, it leaves the membership list, and the logical key goes when no Region of
   * this registry holds it any more.
   */
  Snapshot withoutRegional(KeyLocation location) {
    Map<KeyLocation, RegionalKey> r = new TreeMap<>(regional);
    r.remove(location);
    Map<AliasLocation, AliasTarget> a = new TreeMap<>(aliases);
    a.entrySet().removeIf(e -> e.getKey().region().equals(location.region())
        && e.getValue().keyId().equals(location.id()));
    Map<KeyId, LogicalKey> k = new TreeMap<>(keys);
    LogicalKey key = k.get(location.id());
    boolean stillHeld = r.keySet().stream().anyMatch(l -> l.id().equals(location.id()));
    if (!stillHeld) {
      k.remove(location.id());
    } else if (key != null && key.replicaRegions().contains(location.region())) {
      SortedSet<Region> replicas = new TreeSet<>(key.replicaRegions());
      replicas.remove(location.region());
      k.put(key.id(), key.withMembership(key.primaryRegion(), replicas));
    }
    return new Snapshot(k, r, a);
  }

  private Instant earliestSettlingEvent() {
    Instant earliest = null;
    for (RegionalKey k : regional.values()) {
      earliest = earlier(earliest, k.transitionUntil());
      if (k.state() == KeyState.PENDING_DELETION) {
        earliest = earlier(earliest, k.deletionDate());
      }
    }
    return earliest;
  }

  /** Automatic rotation runs on the primary, and only while it is usable (KMS skips disabled keys). */
  boolean rotatesAutomatically(LogicalKey k) {
    if (!k.rotationEnabled() || k.nextRotationDate() == null) {
      return false;
    }
    RegionalKey primary = regional(k.primaryRegion(), k.id());
    return primary != null
        && (primary.state() == KeyState.ENABLED || primary.state() == KeyState.UPDATING);
  }

  private static Instant earlier(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }
}
