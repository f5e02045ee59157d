package io.mrk.internal.registry;

import io.mrk.internal.policy.PolicyDocument;
import io.mrk.kms.KeyId;
import io.mrk.kms.KeyState;
import io.mrk.kms.Region;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The independent properties of a key in one Region: KMS never synchronises them between related
 * keys, so each Region's copy changes only by operations in that Region (and by time).
 *
 * @param policy the key policy, parsed for this key's ARN in its Region
 * @param deletionDate set while {@code PendingDeletion}; {@code null} otherwise
 * @param deletionWindowDays set while pending deletion (either pending state)
 * @param transitionUntil when a {@code Creating} or {@code Updating} key moves on, else {@code null}
 * @param stateAfterTransition the state it then moves to, else {@code null}
 */
record RegionalKey(
    Region region,
    KeyId id,
    Instant creationDate,
    String description,
    PolicyDocument policy,
    List<Grant> grants,
    KeyState state,
    Instant deletionDate,
    Integer deletionWindowDays,
    SortedMap<String, String> tags,
    Instant transitionUntil,
    KeyState stateAfterTransition) {

  RegionalKey {
    grants = List.copyOf(grants);
    tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
  }

  static RegionalKey create(Region region, KeyId id, Instant now, String description, PolicyDocument policy,
                            Map<String, String> tags, KeyState state, Instant transitionUntil,
                            KeyState after) {
    return new RegionalKey(region, id, now, description, policy, List.of(), state, null, null,
        new TreeMap<>(tags), transitionUntil, after);
  }

  KeyLocation location() {
    return new KeyLocation(region, id);
  }

  boolean pendingDeletion() {
    return state == KeyState.PENDING_DELETION || state == KeyState.PENDING_REPLICA_DELETION;
  }

  RegionalKey withState(KeyState newState, Instant newDeletionDate, Integer window) {
    return new RegionalKey(region, id, creationDate, description, policy, grants, newState,
        newDeletionDate, window, tags, null, null);
  }

  RegionalKey inTransition(KeyState during, Instant until, KeyState after) {
    return new RegionalKey(region, id, creationDate, description, policy, grants, during,
        deletionDate, deletionWindowDays, tags, until, after);
  }

  RegionalKey withDescription(String newDescription) {
    return new RegionalKey(region, id, creationDate, newDescription, policy, grants, state,
        deletionDate, deletionWindowDays, tags, transitionUntil, stateAfterTransition);
  }

  RegionalKey withPolicy(PolicyDocument newPolicy) {
    return new RegionalKey(region, id, creationDate, description, newPolicy, grants, state,
        deletionDate, deletionWindowDays, tags, transitionUntil, stateAfterTransition);
  }

  RegionalKey withTags(SortedMap<String, String> newTags) {
    return new RegionalKey(region, id, creationDate, description, policy, grants, state,
        deletionDate, deletionWindowDays, newTags, transitionUntil, stateAfterTransition);
  }

  RegionalKey withGrants(List<Grant> newGrants) {
    return new RegionalKey(region, id, creationDate, description, policy, newGrants, state,
        deletionDate, deletionWindowDays, tags, transitionUntil, stateAfterTransition);
  }
}
