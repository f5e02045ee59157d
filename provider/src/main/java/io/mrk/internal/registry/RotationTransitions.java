package io.mrk.internal.registry;

import io.mrk.internal.registry.LocalKeyRegistry.Outcome;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.KmsQuotas;
import java.time.Duration;
import java.time.Instant;

/**
 * Rotation as pure transitions: EnableKeyRotation, DisableKeyRotation and RotateKeyOnDemand, all
 * changes to the shared properties and so only through an enabled primary ({@link KeyChanges#shared}).
 * Automatic rotations that fall due are applied by {@link Lifecycle}, not here.
 */
final class RotationTransitions {

  static final int MAX_ON_DEMAND_ROTATIONS = KmsQuotas.MAX_ON_DEMAND_ROTATIONS;
  /** KMS refuses an on-demand rotation this close to a scheduled automatic one. */
  static final Duration ROTATION_CONFLICT_MARGIN = Duration.ofMinutes(20);

  private RotationTransitions() {}

  /**
   * Turns automatic rotation on with {@code period} days ({@link RequestRules#rotationPeriod}). The
   * first rotation is a period from now; changing the period of a rotating key counts from the
   * newest version, and a date already past rotates at the next write.
   */
  static Outcome<LogicalKey> enable(Actor actor, Snapshot s, Instant now, String keyId, int period)
      throws KmsException {
    return KeyChanges.shared(actor, s, now, keyId, "EnableKeyRotation", (k, at) -> {
      Instant next = at.plus(Duration.ofDays(period));
      if (k.shared().rotationEnabled()) {
        Instant fromLast = k.shared().latest().createdAt().plus(Duration.ofDays(period));
        next = fromLast.isAfter(at) ? fromLast : at;
      }
      return k.shared().withRotation(true, period, next);
    });
  }

  static Outcome<LogicalKey> disable(Actor actor, Snapshot s, Instant now, String keyId) throws KmsException {
    return KeyChanges.shared(actor, s, now, keyId, "DisableKeyRotation",
        (k, at) -> k.shared().withRotation(false, k.shared().rotationPeriodDays(), null));
  }

  /** A new material version now, within the on-demand limit and not just before an automatic rotation. */
  static Outcome<LogicalKey> rotateOnDemand(Actor actor, Snapshot s, Instant now, MaterialFactory materials,
                                            String keyId) throws KmsException {
    return KeyChanges.shared(actor, s, now, keyId, "RotateKeyOnDemand", (k, at) -> {
      LogicalKey shared = k.shared();
      if (shared.onDemandRotations() >= MAX_ON_DEMAND_ROTATIONS) {
        throw new KmsException(KmsError.LIMIT_EXCEEDED, k.arn() + " has reached the limit of "
            + MAX_ON_DEMAND_ROTATIONS + " on-demand rotations.");
      }
      if (shared.rotationEnabled()
          && shared.nextRotationDate().isBefore(at.plus(ROTATION_CONFLICT_MARGIN))) {
        throw new KmsException(KmsError.CONFLICT, "An automatic rotation of " + k.arn()
            + " is due within " + ROTATION_CONFLICT_MARGIN.toMinutes() + " minutes.");
      }
      return shared.withVersion(materials.newVersion(shared.versions().size() + 1, at, true),
          shared.nextRotationDate(), shared.onDemandRotations() + 1);
    });
  }
}
