package io.mrk.internal.registry;

import io.mrk.kms.KeyId;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.KmsQuotas;
import io.mrk.kms.Region;
import java.util.HashMap;
import java.util.Map;

/**
 * The count quotas of {@link KmsQuotas}, checked against a snapshot before an operation adds a key,
 * alias or grant ({@code LimitExceededException}, as KMS), and checked again on decode
 * ({@link #problem}), so no state MRK holds exceeds what the registry encoding can represent.
 */
final class QuotaRules {

  private QuotaRules() {}

  /** Refuses a new key in {@code region} when it already holds {@link KmsQuotas#MAX_KEYS_PER_REGION}. */
  static void requireRoomForKey(Snapshot s, Region region) throws KmsException {
    if (keysIn(s, region) >= KmsQuotas.MAX_KEYS_PER_REGION) {
      throw new KmsException(KmsError.LIMIT_EXCEEDED, region + " already holds "
          + KmsQuotas.MAX_KEYS_PER_REGION + " keys, the KMS quota per account and Region.");
    }
  }

  /** Refuses one more alias for {@code key} in {@code region} beyond {@link KmsQuotas#MAX_ALIASES_PER_KEY}. */
  static void requireRoomForAlias(Snapshot s, Region region, KeyId key, String arn) throws KmsException {
    if (aliasesOf(s, region, key) >= KmsQuotas.MAX_ALIASES_PER_KEY) {
      throw new KmsException(KmsError.LIMIT_EXCEEDED, arn + " already has "
          + KmsQuotas.MAX_ALIASES_PER_KEY + " aliases, the KMS quota per key.");
    }
  }

  /** Refuses one more grant on {@code key} beyond {@link KmsQuotas#MAX_GRANTS_PER_KEY}. */
  static void requireRoomForGrant(RegionalKey key, String arn) throws KmsException {
    if (key.grants().size() >= KmsQuotas.MAX_GRANTS_PER_KEY) {
      throw new KmsException(KmsError.LIMIT_EXCEEDED, arn + " already has "
          + KmsQuotas.MAX_GRANTS_PER_KEY + " grants, the KMS quota per key.");
    }
  }

  /** Which count quota {@code s} exceeds, or {@code null}. */
  static String problem(Snapshot s) {
    Map<Region, Integer> perRegion = new HashMap<>();
    for (RegionalKey k : s.regional().values()) {
      if (perRegion.merge(k.region(), 1, Integer::sum) > KmsQuotas.MAX_KEYS_PER_REGION) {
        return k.region() + " holds more than " + KmsQuotas.MAX_KEYS_PER_REGION + " keys.";
      }
      if (k.grants().size() > KmsQuotas.MAX_GRANTS_PER_KEY) {
        return "key " + k.id() + " in " + k.region() + " has more than " + KmsQuotas.MAX_GRANTS_PER_KEY + " grants.";
      }
    }
    Map<KeyLocation, Integer> aliases = new HashMap<>();
    for (Map.Entry<AliasLocation, AliasTarget> e : s.aliases().entrySet()) {
      KeyLocation target = new KeyLocation(e.getKey().region(), e.getValue().keyId());
      if (aliases.merge(target, 1, Integer::sum) > KmsQuotas.MAX_ALIASES_PER_KEY) {
        return "key " + target.id() + " in " + target.region() + " has more than "
            + KmsQuotas.MAX_ALIASES_PER_KEY + " aliases.";
      }
    }
    return null;
  }

  private static int keysIn(Snapshot s, Region region) {
    int n = 0;
    for (KeyLocation location : s.regional().keySet()) {
      if (location.region().equals(region)) {
        n++;
      }
    }
    return n;
  }

  private static int aliasesOf(Snapshot s, Region region, KeyId key) {
    int n = 0;
    for (Map.Entry<AliasLocation, AliasTarget> e : s.aliases().entrySet()) {
      if (e.getKey().region().equals(region) && e.getValue().keyId().equals(key)) {
        n++;
      }
    }
    return n;
  }
}
