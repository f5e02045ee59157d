package io.mrk.internal.registry;

import io.mrk.kms.AliasListEntry;
import io.mrk.kms.AliasName;
import io.mrk.kms.Arn;
import io.mrk.kms.GrantListEntry;
import io.mrk.kms.KeyId;
import io.mrk.kms.KeyListEntry;
import io.mrk.kms.KeyMetadata;
import io.mrk.kms.KeyRotation;
import io.mrk.kms.KeyRotationStatus;
import io.mrk.kms.KmsException;
import io.mrk.kms.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The read operations of one Region as pure functions of a snapshot: what DescribeKey, the List
 * operations, GetKeyRotationStatus and GetKeyPolicy report, authorised like their writes.
 */
final class KeyQueries {

  private KeyQueries() {}

  static KeyMetadata describe(Actor actor, Snapshot s, String keyId) throws KmsException {
    ResolvedKey k = actor.authorize(s, keyId, "kms:DescribeKey");
    return MetadataView.describe(actor.account(), k.shared(), k.local());
  }

  /** Every key of the actor's Region; ListKeys consults no key policy. */
  static List<KeyListEntry> listKeys(Actor actor, Snapshot s) {
    List<KeyListEntry> out = new ArrayList<>();
    for (RegionalKey k : s.regional().values()) {
      if (k.region().equals(actor.region())) {
        out.add(new KeyListEntry(k.id(), actor.arn(actor.region(), k.id()).toString()));
      }
    }
    return List.copyOf(out);
  }

  static KeyRotationStatus rotationStatus(Actor actor, Snapshot s, String keyId) throws KmsException {
    ResolvedKey k = actor.authorize(s, keyId, "kms:GetKeyRotationStatus");
    StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
    LogicalKey shared = k.shared();
    return new KeyRotationStatus(shared.id(), k.arn(), shared.rotationEnabled(),
        shared.rotationEnabled() ? shared.rotationPeriodDays() : null, shared.nextRotationDate());
  }

  /** Completed rotations (versions after the first), oldest first, as ListKeyRotations reports them. */
  static List<KeyRotation> rotations(Actor actor, Snapshot s, String keyId) throws KmsException {
    ResolvedKey k = actor.authorize(s, keyId, "kms:ListKeyRotations");
    StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
    List<KeyRotation> out = new ArrayList<>();
    for (var m : k.shared().versions().subList(1, k.shared().versions().size())) {
      out.add(new KeyRotation(k.shared().id(), m.materialId(), m.version(), m.createdAt(),
          m.onDemand() ? "ON_DEMAND" : "AUTOMATIC"));
    }
    return List.copyOf(out);
  }

  static List<Tag> tags(Actor actor, Snapshot s, String keyId) throws KmsException {
    return TagRules.asList(actor.authorize(s, keyId, "kms:ListResourceTags").local().tags());
  }

  /** The key policy's text; the policy name is checked by {@link RequestRules#requirePolicyName}. */
  static String policy(Actor actor, Snapshot s, String keyId) throws KmsException {
    return actor.authorize(s, keyId, "kms:GetKeyPolicy").local().policy().text();
  }

  /** The aliases of the actor's Region, or only those of {@code keyId} (resolved, not authorised). */
  static List<AliasListEntry> aliases(Actor actor, Snapshot s, String keyId) throws KmsException {
    KeyId only = keyId == null ? null : actor.resolve(s, keyId).local().id();
    List<AliasListEntry> out = new ArrayList<>();
    for (Map.Entry<AliasLocation, AliasTarget> e : s.aliases().entrySet()) {
      AliasTarget t = e.getValue();
      if (e.getKey().region().equals(actor.region()) && (only == null || only.equals(t.keyId()))) {
        AliasName name = e.getKey().name();
        out.add(new AliasListEntry(name.value(),
            Arn.forAlias(actor.region(), actor.account(), name).toString(), t.keyId(),
            t.creationDate(), t.lastUpdatedDate()));
      }
    }
    return List.copyOf(out);
  }

  static List<GrantListEntry> grants(Actor actor, Snapshot s, String keyId) throws KmsException {
    ResolvedKey k = actor.authorize(s, keyId, "kms:ListGrants");
    List<GrantListEntry> out = new ArrayList<>();
    for (Grant g : k.local().grants()) {
      out.add(new GrantListEntry(k.local().id(), g.grantId(), g.name(), g.creationDate(),
          g.granteePrincipal(), g.retiringPrincipal(), actor.account().value(),
          g.operations(), g.constraints()));
    }
    return List.copyOf(out);
  }
}
