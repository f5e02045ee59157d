package io.mrk.internal.registry;

import io.mrk.internal.policy.PolicyDocument;
import io.mrk.internal.registry.LocalKeyRegistry.Outcome;
import io.mrk.kms.Arn;
import io.mrk.kms.KmsException;
import io.mrk.kms.Tag;
import java.util.Collection;
import java.util.TreeMap;

/**
 * A Region's independent properties of a key as pure transitions: tags, description and key
 * policy, never synchronised to other Regions and refused while the key is pending deletion.
 */
final class PropertyTransitions {

  private PropertyTransitions() {}

  static Outcome<ResolvedKey> tag(Actor actor, Snapshot s, String keyId, Collection<Tag> tags) throws KmsException {
    return KeyChanges.local(actor, s, keyId, "kms:TagResource", k -> {
      StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
      return k.local().withTags(new TreeMap<>(TagRules.merge(k.local().tags(), tags)));
    });
  }

  static Outcome<ResolvedKey> untag(Actor actor, Snapshot s, String keyId, Collection<String> tagKeys)
      throws KmsException {
    return KeyChanges.local(actor, s, keyId, "kms:UntagResource", k -> {
      StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
      return k.local().withTags(new TreeMap<>(TagRules.remove(k.local().tags(), tagKeys)));
    });
  }

  /** @param description checked by {@link RequestRules#description} */
  static Outcome<ResolvedKey> describe(Actor actor, Snapshot s, String keyId, String description)
      throws KmsException {
    return KeyChanges.local(actor, s, keyId, "kms:UpdateKeyDescription", k -> {
      StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
      return k.local().withDescription(description);
    });
  }

  /** Parses {@code policy} for this key (the one entry point's checks) and applies the lockout check. */
  static Outcome<ResolvedKey> putPolicy(Actor actor, Snapshot s, String keyId, String policy) throws KmsException {
    return KeyChanges.local(actor, s, keyId, "kms:PutKeyPolicy", k -> {
      StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
      PolicyDocument checked = PolicyDocument.parse(policy, Arn.parse(k.arn()));
      actor.requireNoLockout(checked);
      return k.local().withPolicy(checked);
    });
  }
}
