package io.mrk.internal.registry;

import io.mrk.internal.key.KeyMaterial;
import io.mrk.kms.KeyId;
import io.mrk.kms.Region;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The shared properties of a key, held once however many Regions hold the key: KMS copies them
 * from the primary to every replica, so storing them once makes "every Region reads the same" true
 * by construction.
 *
 * @param primaryRegion the primary's Region; for a single-Region key, its only Region
 * @param replicaRegions the replicas' Regions (the membership list); empty for a single-Region key
 * @param nextRotationDate the next automatic rotation, {@code null} while rotation is disabled
 * @param versions every material version, oldest first, numbered from 1
 * @param onDemandRotations how many RotateKeyOnDemand calls this key has had (at most 25)
 */
record LogicalKey(
    KeyId id,
    boolean multiRegion,
    String origin,
    String keySpec,
    String keyUsage,
    Region primaryRegion,
    SortedSet<Region> replicaRegions,
    boolean rotationEnabled,
    int rotationPeriodDays,
    Instant nextRotationDate,
    List<KeyMaterial> versions,
    int onDemandRotations) {

  static final int DEFAULT_ROTATION_PERIOD_DAYS = 365;

  LogicalKey {
    replicaRegions = Collections.unmodifiableSortedSet(new TreeSet<>(replicaRegions));
    versions = List.copyOf(versions);
  }

  KeyMaterial latest() {
    return versions.get(versions.size() - 1);
  }

  boolean isMember(Region region) {
    return primaryRegion.equals(region) || replicaRegions.contains(region);
  }

  LogicalKey withVersion(KeyMaterial material, Instant nextRotation, int onDemandCount) {
    List<KeyMaterial> more = new ArrayList<>(versions);
    more.add(material);
    return new LogicalKey(id, multiRegion, origin, keySpec, keyUsage, primaryRegion, replicaRegions,
        rotationEnabled, rotationPeriodDays, nextRotation, more, onDemandCount);
  }

  LogicalKey withRotation(boolean enabled, int periodDays, Instant nextRotation) {
    return new LogicalKey(id, multiRegion, origin, keySpec, keyUsage, primaryRegion, replicaRegions,
        enabled, periodDays, nextRotation, versions, onDemandRotations);
  }

  LogicalKey withMembership(Region primary, SortedSet<Region> replicas) {
    return new LogicalKey(id, multiRegion, origin, keySpec, keyUsage, primary, replicas,
        rotationEnabled, rotationPeriodDays, nextRotationDate, versions, onDemandRotations);
  }

  Duration rotationPeriod() {
    return Duration.ofDays(rotationPeriodDays);
  }
}
