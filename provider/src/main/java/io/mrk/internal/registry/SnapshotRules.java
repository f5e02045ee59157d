package io.mrk.internal.registry;

import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyState;
import io.mrk.kms.KmsException;
import io.mrk.kms.Tag;
import io.mrk.kms.Region;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The invariants every registry state satisfies. Operations keep them by construction; a decoded
 * payload is checked against them, so a crafted file cannot produce a state no operation could.
 */
final class SnapshotRules {

  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  private SnapshotRules() {}

  /** What is wrong with {@code s}, or {@code null}. */
  static String problem(Snapshot s) {
    String quota = QuotaRules.problem(s);
    if (quota != null) {
      return quota;
    }
    for (LogicalKey k : s.keys().values()) {
      String p = keyProblem(s, k);
      if (p != null) {
        return "key " + k.id() + ": " + p;
      }
    }
    for (RegionalKey k : s.regional().values()) {
      String p = regionalProblem(s, k);
      if (p != null) {
        return "key " + k.id() + " in " + k.region() + ": " + p;
      }
    }
    for (Map.Entry<AliasLocation, AliasTarget> e : s.aliases().entrySet()) {
      if (s.regional(e.getKey().region(), e.getValue().keyId()) == null) {
        return "alias " + e.getKey().name() + " in " + e.getKey().region() + " points to a missing key.";
      }
    }
    return null;
  }

  private static String keyProblem(Snapshot s, LogicalKey k) {
    if (k.multiRegion() != k.id().isMultiRegion()) {
      return "the multi-Region flag disagrees with the key id.";
    }
    if (!k.multiRegion() && !k.replicaRegions().isEmpty()) {
      return "a single-Region key has replicas.";
    }
    if (k.replicaRegions().contains(k.primaryRegion())) {
      return "the primary Region is also a replica Region.";
    }
    for (Region r : k.replicaRegions()) {
      if (r.partition() != k.primaryRegion().partition()) {
        return "replica Region " + r + " is in another partition.";
      }
    }
    if (!CreateKeyRequest.SYMMETRIC_DEFAULT.equals(k.keySpec())
        || !CreateKeyRequest.ENCRYPT_DECRYPT.equals(k.keyUsage())
        || !CreateKeyRequest.AWS_KMS.equals(k.origin())) {
      return "unsupported key spec, usage or origin.";
    }
    if (k.versions().isEmpty()) {
      return "no key material.";
    }
    for (var m : k.versions()) {
      if (m.materialId() == null || !HEX64.matcher(m.materialId()).matches()) {
        return "a KeyMaterialId is not 64 lower-case hex digits.";
      }
    }
    if (k.rotationPeriodDays() < RequestRules.MIN_ROTATION_DAYS
        || k.rotationPeriodDays() > RequestRules.MAX_ROTATION_DAYS) {
      return "rotation period out of range.";
    }
    if (k.rotationEnabled() != (k.nextRotationDate() != null)) {
      return "rotation setting and next rotation date disagree.";
    }
    if (k.onDemandRotations() > RotationTransitions.MAX_ON_DEMAND_ROTATIONS) {
      return "too many on-demand rotations.";
    }
    if (s.regionalKeysOf(k.id()).isEmpty()) {
      return "no Region holds it.";
    }
    return null;
  }

  private static String regionalProblem(Snapshot s, RegionalKey k) {
    LogicalKey shared = s.key(k.id());
    if (shared == null) {
      return "its shared properties are missing.";
    }
    if (!shared.isMember(k.region())) {
      return "its Region is not in the membership list.";
    }
    if (k.description().length() > RequestRules.MAX_DESCRIPTION) {
      return "description too long.";
    }
    if (k.tags().size() > TagRules.MAX_TAGS) {
      return "too many tags.";
    }
    for (Map.Entry<String, String> t : k.tags().entrySet()) {
      try {
        Tag.of(t.getKey(), t.getValue());
      } catch (KmsException e) {
        return "invalid tag: " + e.getMessage();
      }
    }
    boolean inTransition = k.state() == KeyState.CREATING || k.state() == KeyState.UPDATING;
    if (inTransition != (k.transitionUntil() != null) || inTransition != (k.stateAfterTransition() != null)) {
      return "transition fields disagree with the state.";
    }
    if ((k.state() == KeyState.PENDING_DELETION) != (k.deletionDate() != null)) {
      return "deletion date disagrees with the state.";
    }
    Integer window = k.deletionWindowDays();
    if (k.pendingDeletion() != (window != null)
        || (window != null && (window < RequestRules.MIN_WINDOW_DAYS || window > RequestRules.MAX_WINDOW_DAYS))) {
      return "deletion window disagrees with the state.";
    }
    for (Grant g : k.grants()) {
      if (!HEX64.matcher(g.grantId()).matches()) {
        return "a grant id is not 64 lower-case hex digits.";
      }
      if (g.granteePrincipal().isEmpty() || g.operations().isEmpty()
          || !GrantTransitions.OPERATIONS.containsAll(g.operations())) {
        return "grant " + g.grantId() + " has no grantee or an unknown operation.";
      }
    }
    return null;
  }
}
