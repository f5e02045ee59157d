package io.mrk.kms;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
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

  /**
   * The KMS operations of {@code region} as the holder of the registry: audited as the account root
   * and never refused by a key policy or a missing grant (the registry's owner can always manage it,
   * as the owner of a keystore file can).
   */
  KmsClient client(Region region);

  /**
   * The KMS operations of {@code region} as {@code principal}: every call is authorised by the key
   * policy and the grants of the key in that Region, as KMS authorises a caller, and audited under
   * the principal's ARN. Key handles from this client are authorised the same way at every
   * {@code Cipher.init}.
   */
  KmsClient client(Region region, Principal principal);

  /** The Regions that hold at least one key, in code order. */
  SortedSet<Region> regions();

  /**
   * Settings of a registry (get one from {@code io.mrk.KeyRegistries.builder()}). Each setter checks its argument at once and may be called once.
   * Defaults: {@link AccountId#DEFAULT}, {@link Clock#systemUTC()}, a new {@link SecureRandom},
   * a replication delay of zero.
   */
  interface Builder {

    /** The account that owns every key. */
    Builder account(AccountId account);

    /** The clock that drives rotation, deletion and the {@code Creating}/{@code Updating} states. */
    Builder clock(Clock clock);

    /** The source of key material, key ids, material ids and grant tokens. */
    Builder random(SecureRandom random);

    /**
     * How long a new replica stays {@code Creating} and both keys of an UpdatePrimaryRegion stay
     * {@code Updating}. KMS takes a few seconds to synchronise; a local registry synchronises at
     * once, so the default is {@link Duration#ZERO} (no transient state). Set it to reproduce the
     * transient states KMS shows.
     *
     * @throws IllegalArgumentException if negative
     */
    Builder replicationDelay(Duration delay);

    /** An empty registry with these settings. */
    KeyRegistry build();
  }
}
