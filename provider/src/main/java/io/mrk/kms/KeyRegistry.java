package io.mrk.kms;

import java.util.SortedSet;

/**
 * All Regions of one account's KMS keys: the multi-Region keys with their primary and replicas, and
 * the single-Region keys. {@link #client(Region)} gives the KMS operations of one Region.
 *
 * <p>Shared properties of a multi-Region key (id, material versions, origin, spec, usage, rotation
 * setting, membership) are held once and read the same in every Region; independent properties
 * (description, policy, grants, enabled state, aliases, tags, deletion schedule) are held per Region.
 * Implementations are safe for concurrent use; each operation is atomic.
 */
public interface KeyRegistry {

  /** The account every key of this registry belongs to. */
  AccountId account();

  /** The KMS operations of {@code region}. */
  KmsClient client(Region region);

  /** The Regions that hold at least one key, in code order. */
  SortedSet<Region> regions();
}
