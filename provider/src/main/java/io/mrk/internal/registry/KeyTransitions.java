package io.mrk.internal.registry;

import io.mrk.internal.policy.PolicyDocument;
import io.mrk.internal.registry.LocalKeyRegistry.Outcome;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyId;
import io.mrk.kms.KeyMetadata;
import io.mrk.kms.KeyState;
import io.mrk.kms.KmsException;
import io.mrk.kms.ScheduleKeyDeletionResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The key lifecycle as pure transitions: CreateKey, EnableKey, DisableKey, ScheduleKeyDeletion and
 * CancelKeyDeletion, each from a snapshot and a checked request to a new snapshot or a
 * {@link KmsException}. No I/O and no clock: {@code now} is handed in, and randomness only through
 * the {@link MaterialFactory} of a write that will be committed.
 */
final class KeyTransitions {

  private KeyTransitions() {}

  /**
   * A new key whose primary is the actor's Region, with a fresh key id and its first material
   * version.
   *
   * @param description checked by {@link RequestRules#description}
   * @param tags checked by {@link TagRules#merge}
   */
  static Outcome<KeyMetadata> create(Actor actor, Snapshot s, Instant now, MaterialFactory materials,
                                     CreateKeyRequest request, String description, Map<String, String> tags)
      throws KmsException {
    QuotaRules.requireRoomForKey(s, actor.region());
    KeyId id;
    do {
      id = request.multiRegion()
          ? KeyId.newMultiRegion(materials.random())
          : KeyId.newSingleRegion(materials.random());
    } while (s.key(id) != null);
    PolicyDocument policy = KeyPolicies.orDefault(request.policy(), actor.arn(actor.region(), id), actor.account());
    if (request.policy() != null) {
      actor.requireNoLockout(policy);
    }
    LogicalKey shared = new LogicalKey(id, request.multiRegion(), request.origin(), request.keySpec(),
        request.keyUsage(), actor.region(), new TreeSet<>(), false, LogicalKey.DEFAULT_ROTATION_PERIOD_DAYS,
        null, List.of(materials.newVersion(1, now, false)), 0);
    RegionalKey local = RegionalKey.create(actor.region(), id, now, description, policy, tags,
        KeyState.ENABLED, null, null);
    return new Outcome<>(s.with(shared).with(local), MetadataView.describe(actor.account(), shared, local));
  }

  /**
   * Enables the key in the actor's Region. A primary whose automatic rotation fell due while it was
   * not usable rotates now, once, and every period after (KMS does not rotate disabled keys).
   */
  static Outcome<Void> enable(Actor actor, Snapshot s, Instant now, String keyId) throws KmsException {
    ResolvedKey k = actor.authorize(s, keyId, "kms:EnableKey");
    StateRules.requireSettled(k.local().state(), k.arn());
    Snapshot next = s.with(k.local().withState(KeyState.ENABLED, null, null));
    LogicalKey shared = k.shared();
    if (shared.primaryRegion().equals(actor.region()) && shared.rotationEnabled()
        && shared.nextRotationDate().isBefore(now)) {
      next = next.with(shared.withRotation(true, shared.rotationPeriodDays(), now));
    }
    return new Outcome<>(next, null);
  }

  static Outcome<ResolvedKey> disable(Actor actor, Snapshot s, String keyId) throws KmsException {
    return KeyChanges.local(actor, s, keyId, "kms:DisableKey", k -> {
      StateRules.requireSettled(k.local().state(), k.arn());
      return k.local().withState(KeyState.DISABLED, null, null);
    });
  }

  /**
   * Schedules deletion after {@code window} days ({@link RequestRules#pendingWindow}); a primary
   * with replicas waits for them first ({@code PendingReplicaDeletion}).
   */
  static Outcome<ScheduleKeyDeletionResult> scheduleDeletion(Actor actor, Snapshot s, Instant now, String keyId,
                                                             int window) throws KmsException {
    ResolvedKey k = actor.authorize(s, keyId, "kms:ScheduleKeyDeletion");
    StateRules.requireSettled(k.local().state(), k.arn());
    boolean primaryWithReplicas = k.shared().primaryRegion().equals(actor.region())
        && !k.shared().replicaRegions().isEmpty();
    RegionalKey next = primaryWithReplicas
        ? k.local().withState(KeyState.PENDING_REPLICA_DELETION, null, window)
        : k.local().withState(KeyState.PENDING_DELETION, now.plus(Duration.ofDays(window)), window);
    return new Outcome<>(s.with(next),
        new ScheduleKeyDeletionResult(k.arn(), next.deletionDate(), next.state(), window));
  }

  /** Cancels a pending deletion; the key is then {@code Disabled}, as in KMS. */
  static Outcome<ResolvedKey> cancelDeletion(Actor actor, Snapshot s, String keyId) throws KmsException {
    return KeyChanges.local(actor, s, keyId, "kms:CancelKeyDeletion", k -> {
      if (!k.local().pendingDeletion()) {
        throw StateRules.invalidState(k.local().state(), k.arn());
      }
      return k.local().withState(KeyState.DISABLED, null, null);
    });
  }
}
