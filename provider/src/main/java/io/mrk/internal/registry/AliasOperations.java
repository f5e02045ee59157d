package io.mrk.internal.registry;

import io.mrk.kms.AliasListEntry;
import io.mrk.kms.AliasName;
import io.mrk.kms.Arn;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CreateAlias, UpdateAlias, DeleteAlias and ListAliases in one Region. Aliases are never
 * synchronised: the same name may point to different keys in different Regions.
 */
final class AliasOperations {

  private AliasOperations() {}

  static void create(RegionClient client, String aliasName, String targetKeyId) throws KmsException {
    AliasLocation alias = customerAlias(client.region(), aliasName);
    requireKeyTarget(targetKeyId);
    client.registry().mutate((s, now) -> {
      RegionClient.Resolved k = client.authorize(s, targetKeyId, "kms:CreateAlias");
      StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
      if (s.alias(alias.region(), alias.name()) != null) {
        throw new KmsException(KmsError.ALREADY_EXISTS, "Alias " + alias.name() + " already exists in "
            + alias.region() + ".");
      }
      QuotaRules.requireRoomForAlias(s, alias.region(), k.local().id(), k.arn());
      return new LocalKeyRegistry.Outcome<>(s.with(alias, new AliasTarget(k.local().id(), now, now)), null);
    });
  }

  static void update(RegionClient client, String aliasName, String targetKeyId) throws KmsException {
    AliasLocation alias = customerAlias(client.region(), aliasName);
    requireKeyTarget(targetKeyId);
    client.registry().mutate((s, now) -> {
      AliasTarget current = existing(s, alias);
      RegionClient.Resolved k = client.authorize(s, targetKeyId, "kms:UpdateAlias");
      StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
      if (!current.keyId().equals(k.local().id())) {
        QuotaRules.requireRoomForAlias(s, alias.region(), k.local().id(), k.arn());
      }
      return new LocalKeyRegistry.Outcome<>(
          s.with(alias, new AliasTarget(k.local().id(), current.creationDate(), now)), null);
    });
  }

  static void delete(RegionClient client, String aliasName) throws KmsException {
    AliasLocation alias = customerAlias(client.region(), aliasName);
    client.registry().mutate((s, now) -> {
      client.authorize(s, existing(s, alias).keyId().value(), "kms:DeleteAlias");
      return new LocalKeyRegistry.Outcome<>(s.without(alias), null);
    });
  }

  static List<AliasListEntry> list(RegionClient client, String keyId) throws KmsException {
    Snapshot s = client.registry().current();
    Region region = client.region();
    var only = keyId == null ? null : client.resolve(s, keyId).local().id();
    List<AliasListEntry> out = new ArrayList<>();
    for (Map.Entry<AliasLocation, AliasTarget> e : s.aliases().entrySet()) {
      AliasTarget t = e.getValue();
      if (e.getKey().region().equals(region) && (only == null || only.equals(t.keyId()))) {
        AliasName name = e.getKey().name();
        out.add(new AliasListEntry(name.value(),
            Arn.forAlias(region, client.registry().account(), name).toString(), t.keyId(),
            t.creationDate(), t.lastUpdatedDate()));
      }
    }
    return List.copyOf(out);
  }

  private static AliasLocation customerAlias(Region region, String aliasName) throws KmsException {
    AliasName name = AliasName.of(aliasName);
    if (name.isReserved()) {
      throw new KmsException(KmsError.INVALID_ALIAS_NAME, "Alias names beginning with alias/aws/ are "
          + "reserved for AWS managed keys.");
    }
    return new AliasLocation(region, name);
  }

  private static void requireKeyTarget(String targetKeyId) throws KmsException {
    if (targetKeyId != null && (targetKeyId.startsWith("alias/")
        || (Arn.looksLikeArn(targetKeyId) && !Arn.parse(targetKeyId).isKey()))) {
      throw new KmsException(KmsError.VALIDATION, "TargetKeyId must be a key id or key ARN, not an alias.");
    }
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
