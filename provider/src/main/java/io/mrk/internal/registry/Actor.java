package io.mrk.internal.registry;

import io.mrk.internal.policy.PolicyDocument;
import io.mrk.kms.AccountId;
import io.mrk.kms.Arn;
import io.mrk.kms.KeyId;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.util.Map;

/**
 * Who performs a transition, in which Region and account: the context every pure transition is
 * computed in. Its checks read only the snapshot they are given, so a transition stays a function
 * of (snapshot, request, actor).
 *
 * @param principal the principal ARN, or {@code null} for the keystore holder (see {@link KeyAccess})
 */
record Actor(Region region, AccountId account, String principal) {

  /** The key {@code keyId} names in this Region. */
  ResolvedKey resolve(Snapshot s, String keyId) throws KmsException {
    RegionalKey local = KeyResolver.resolve(s, region, account, keyId);
    return new ResolvedKey(s.key(local.id()), local, arn(region, local.id()).toString());
  }

  /** Resolves {@code keyId} and checks this Region's policy and grants allow {@code action} on it. */
  ResolvedKey authorize(Snapshot s, String keyId, String action) throws KmsException {
    ResolvedKey k = resolve(s, keyId);
    KeyAccess.require(principal, action, arn(region, k.local().id()), k.local(), Map.of());
    return k;
  }

  /** Checks {@code action} on the copy of a key in another Region ({@code where}), by that Region's policy. */
  void authorizeIn(Region where, RegionalKey key, String action) throws KmsException {
    KeyAccess.require(principal, action, arn(where, key.id()), key, Map.of());
  }

  /** The policy lockout safety check, for a policy the caller supplied. */
  void requireNoLockout(PolicyDocument policy) throws KmsException {
    KeyAccess.requireNoLockout(principal, policy);
  }

  Arn arn(Region where, KeyId id) {
    return Arn.forKey(where, account, id);
  }

  /** Shared properties change only through the primary (a single-Region key is its own primary). */
  void requirePrimary(ResolvedKey k, String operation) throws KmsException {
    if (!k.shared().primaryRegion().equals(region)) {
      throw new KmsException(KmsError.UNSUPPORTED_OPERATION, operation + " is not supported on "
          + k.arn() + ": it is a replica key; call it on the primary key in "
          + k.shared().primaryRegion() + ".");
    }
  }

  /** Membership changes: only on the primary of a multi-Region key. */
  void requireMultiRegionPrimary(ResolvedKey k, String operation) throws KmsException {
    if (!k.shared().multiRegion()) {
      throw new KmsException(KmsError.UNSUPPORTED_OPERATION, operation + " is not supported on "
          + k.arn() + ": it is a single-Region key.");
    }
    requirePrimary(k, operation);
  }
}
