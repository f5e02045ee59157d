package io.mrk.internal.registry;

import io.mrk.internal.policy.PolicyDocument;
import io.mrk.internal.registry.LocalKeyRegistry.Outcome;
import io.mrk.kms.KeyId;
import io.mrk.kms.KeyState;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import io.mrk.kms.ReplicateKeyRequest;
import io.mrk.kms.ReplicateKeyResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The membership of a multi-Region key as pure transitions: ReplicateKey and UpdatePrimaryRegion,
 * both only through the primary. {@code delay} is the registry's simulated replication delay: zero
 * makes the new state effective at once, otherwise the keys pass through {@code Creating} or
 * {@code Updating} until {@code now + delay}.
 */
final class ReplicaTransitions {

  private ReplicaTransitions() {}

  /**
   * A replica of the actor's primary in {@code replicaRegion}, within the same partition.
   *
   * @param description checked by {@link RequestRules#description}
   * @param tags checked by {@link TagRules#merge}
   */
  static Outcome<ReplicateKeyResult> replicate(Actor actor, Snapshot s, Instant now, Duration delay, String keyId,
                                               Region replicaRegion, ReplicateKeyRequest request,
                                               String description, Map<String, String> tags)
      throws KmsException {
    ResolvedKey k = actor.authorize(s, keyId, "kms:ReplicateKey");
    actor.requireMultiRegionPrimary(k, "ReplicateKey");
    StateRules.requireEnabled(k.local().state(), k.arn());
    if (replicaRegion.partition() != actor.region().partition()) {
      throw new KmsException(KmsError.UNSUPPORTED_OPERATION, "Cannot replicate " + k.arn() + " into "
          + replicaRegion + ": multi-Region keys are replicated only within one partition ("
          + actor.region().partition() + ").");
    }
    if (k.shared().isMember(replicaRegion)) {
      throw new KmsException(KmsError.ALREADY_EXISTS, "Key " + k.arn() + " already has a related key in "
          + replicaRegion + ".");
    }
    QuotaRules.requireRoomForKey(s, replicaRegion);
    PolicyDocument policy = KeyPolicies.orDefault(request.policy(),
        actor.arn(replicaRegion, k.shared().id()), actor.account());
    if (request.policy() != null) {
      actor.requireNoLockout(policy);
    }
    RegionalKey replica = delay.isZero()
        ? RegionalKey.create(replicaRegion, k.shared().id(), now, description, policy, tags,
            KeyState.ENABLED, null, null)
        : RegionalKey.create(replicaRegion, k.shared().id(), now, description, policy, tags,
            KeyState.CREATING, now.plus(delay), KeyState.ENABLED);
    SortedSet<Region> replicas = new TreeSet<>(k.shared().replicaRegions());
    replicas.add(replicaRegion);
    LogicalKey shared = k.shared().withMembership(k.shared().primaryRegion(), replicas);
    return new Outcome<>(s.with(shared).with(replica), new ReplicateKeyResult(
        MetadataView.describe(actor.account(), shared, replica), policy.text(), TagRules.asList(tags)));
  }

  /**
   * Makes the replica in {@code primaryRegion} the primary and the actor's key a replica. Both
   * Regions' policies must allow it and both copies must be enabled.
   */
  static Outcome<KeyId> updatePrimary(Actor actor, Snapshot s, Instant now, Duration delay, String keyId,
                                      Region primaryRegion) throws KmsException {
    ResolvedKey k = actor.authorize(s, keyId, "kms:UpdatePrimaryRegion");
    actor.requireMultiRegionPrimary(k, "UpdatePrimaryRegion");
    if (primaryRegion.equals(actor.region())) {
      throw new KmsException(KmsError.VALIDATION, k.arn() + " is already the primary key.");
    }
    RegionalKey replica = s.regional(primaryRegion, k.shared().id());
    if (replica == null) {
      throw new KmsException(KmsError.NOT_FOUND, "Key " + k.arn() + " has no replica in "
          + primaryRegion + ".");
    }
    actor.authorizeIn(primaryRegion, replica, "kms:UpdatePrimaryRegion");
    StateRules.requireEnabled(k.local().state(), k.arn());
    StateRules.requireEnabled(replica.state(), actor.arn(primaryRegion, replica.id()).toString());
    SortedSet<Region> replicas = new TreeSet<>(k.shared().replicaRegions());
    replicas.remove(primaryRegion);
    replicas.add(actor.region());
    Snapshot next = s.with(k.shared().withMembership(primaryRegion, replicas));
    if (!delay.isZero()) {
      next = next.with(k.local().inTransition(KeyState.UPDATING, now.plus(delay), KeyState.ENABLED))
          .with(replica.inTransition(KeyState.UPDATING, now.plus(delay), KeyState.ENABLED));
    }
    return new Outcome<>(next, k.shared().id());
  }
}
