package io.mrk.internal.registry;

import io.mrk.internal.registry.LocalKeyRegistry.Outcome;
import io.mrk.kms.AliasName;
import io.mrk.kms.Arn;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.time.Instant;

/**
 * CreateAlias, UpdateAlias and DeleteAlias in one Region as pure transitions. Aliases are never
 * synchronised: the same name may point to different keys in different Regions.
 */
final class AliasTransitions {

  private AliasTransitions() {}

  /** The customer alias {@code aliasName} in {@code region}; names under {@code alias/aws/} are reserved. */
  static AliasLocation customerAlias(Region region, String aliasName) throws KmsException {
    AliasName name = AliasName.of(aliasName);
    if (name.isReserved()) {
      throw new KmsException(KmsError.INVALID_ALIAS_NAME, "Alias names beginning with alias/aws/ are "
          + "reserved for AWS managed keys.");
    }
    return new AliasLocation(region, name);
  }

  /** An alias points to a key, named by id or key ARN, never to another alias. */
  static void requireKeyTarget(String targetKeyId) throws KmsException {
    if (targetKeyId != null && (targetKeyId.startsWith("alias/")
        || (Arn.looksLikeArn(targetKeyId) && !Arn.parse(targetKeyId).isKey()))) {
      throw new KmsException(KmsError.VALIDATION, "TargetKeyId must be a key id or key ARN, not an alias.");
    }
  }

  /** @param alias from {@link #customerAlias}, target checked by {@link #requireKeyTarget} */
  static Outcome<Void> create(Actor actor, Snapshot s, Instant now, AliasLocation alias, String targetKeyId)
      throws KmsException {
    ResolvedKey k = actor.authorize(s, targetKeyId, "kms:CreateAlias");
    StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
    if (s.alias(alias.region(), alias.name()) != null) {
      throw new KmsException(KmsError.ALREADY_EXISTS, "Alias " + alias.name() + " already exists in "
          + alias.region() + ".");
    }
    QuotaRules.requireRoomForAlias(s, alias.region(), k.local().id(), k.arn());
    return new Outcome<>(s.with(alias, new AliasTarget(k.local().id(), now, now)), null);
  }

  /** Points an existing alias at another key (or the same one), keeping its creation date. */
  static Outcome<Void> update(Actor actor, Snapshot s, Instant now, AliasLocation alias, String targetKeyId)
      throws KmsException {
    AliasTarget current = existing(s, alias);
    ResolvedKey k = actor.authorize(s, targetKeyId, "kms:UpdateAlias");
    StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
    if (!current.keyId().equals(k.local().id())) {
      QuotaRules.requireRoomForAlias(s, alias.region(), k.local().id(), k.arn());
    }
    return new Outcome<>(s.with(alias, new AliasTarget(k.local().id(), current.creationDate(), now)), null);
  }

  /** Deletes an alias; authorised by the policy of the key it points to. */
  static Outcome<Void> delete(Actor actor, Snapshot s, AliasLocation alias) throws KmsException {
    actor.authorize(s, existing(s, alias).keyId().value(), "kms:DeleteAlias");
    return new Outcome<>(s.without(alias), null);
  }

  private static AliasTarget existing(Snapshot s, AliasLocation alias) throws KmsException {
    AliasTarget t = s.alias(alias.region(), alias.name());
    if (t == null) {
      throw new KmsException(KmsError.NOT_FOUND, "Alias " + alias.name() + " is not found in "
          + alias.region() + ".");
    }
    return t;
  }
}
