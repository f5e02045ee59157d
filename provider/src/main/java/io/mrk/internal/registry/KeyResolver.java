package io.mrk.internal.registry;

import io.mrk.kms.AccountId;
import io.mrk.kms.AliasName;
import io.mrk.kms.Arn;
import io.mrk.kms.KeyId;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;

/**
 * Resolves what KMS accepts as a key identifier (key id, key ARN, alias name, alias ARN) to a key
 * in one Region. An ARN of another partition, Region or account names a key this Region cannot
 * see, so it is {@code NotFoundException}, as in KMS.
 */
final class KeyResolver {

  private KeyResolver() {}

  static RegionalKey resolve(Snapshot s, Region region, AccountId account, String identifier)
      throws KmsException {
    if (identifier == null || identifier.isEmpty()) {
      throw new KmsException(KmsError.VALIDATION, "KeyId is missing.");
    }
    KeyId id;
    if (Arn.looksLikeArn(identifier)) {
      Arn arn = Arn.parse(identifier);
      if (!arn.partition().equals(region.partition().id()) || !arn.region().equals(region.code())
          || !arn.account().equals(account.value())) {
        throw notFound(identifier, region);
      }
      id = arn.isKey() ? KeyId.of(arn.resourceId()) : aliasTarget(s, region, AliasName.of(arn.aliasName()));
    } else if (identifier.startsWith("alias/")) {
      id = aliasTarget(s, region, AliasName.of(identifier));
    } else {
      id = KeyId.of(identifier);
    }
    RegionalKey key = s.regional(region, id);
    if (key == null) {
      throw notFound(identifier, region);
    }
    return key;
  }

  private static KeyId aliasTarget(Snapshot s, Region region, AliasName alias) throws KmsException {
    AliasTarget target = s.alias(region, alias);
    if (target == null) {
      throw new KmsException(KmsError.NOT_FOUND, "Alias " + alias + " is not found in " + region + ".");
    }
    return target.keyId();
  }

  private static KmsException notFound(String identifier, Region region) {
    return new KmsException(KmsError.NOT_FOUND,
        "Key '" + printable(identifier) + "' does not exist in " + region + ".");
  }

  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 120; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return s.length() > 120 ? b + "..." : b.toString();
  }
}
