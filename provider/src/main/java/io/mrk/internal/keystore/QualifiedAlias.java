package io.mrk.internal.keystore;

import io.mrk.kms.AliasName;
import io.mrk.kms.Arn;
import io.mrk.kms.KeyId;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.util.Optional;

/**
 * A KeyStore alias read as a key reference in one Region: {@code <region>/alias/<name>},
 * {@code <region>/<key-id>}, or a key or alias ARN (whose Region field names the Region).
 *
 * @param identifier what the Region's KMS client resolves: an alias name, a key id or the ARN itself
 * @param isAlias whether the entry is an alias (as opposed to a key) entry
 */
record QualifiedAlias(Region region, String identifier, boolean isAlias) {

  /** The alias of key {@code keyId} in {@code region}. */
  static String ofKey(Region region, KeyId keyId) {
    return region.code() + "/" + keyId.value();
  }

  /** The alias of KMS alias {@code aliasName} in {@code region}. */
  static String ofAlias(Region region, String aliasName) {
    return region.code() + "/" + aliasName;
  }

  /** Reads {@code alias}; empty when it is not of any MRK form. */
  static Optional<QualifiedAlias> parse(String alias) {
    if (alias == null || alias.isEmpty()) {
      return Optional.empty();
    }
    if (Arn.looksLikeArn(alias)) {
      try {
        Arn arn = Arn.parse(alias);
        if (!Region.isValid(arn.region())) {
          return Optional.empty();
        }
        return Optional.of(new QualifiedAlias(new Region(arn.region()), alias, !arn.isKey()));
      } catch (KmsException e) {
        return Optional.empty();
      }
    }
    int slash = alias.indexOf('/');
    if (slash <= 0 || !Region.isValid(alias.substring(0, slash))) {
      return Optional.empty();
    }
    Region region = new Region(alias.substring(0, slash));
    String rest = alias.substring(slash + 1);
    if (rest.startsWith("alias/")) {
      try {
        return Optional.of(new QualifiedAlias(region, AliasName.of(rest).value(), true));
      } catch (KmsException e) {
        return Optional.empty();
      }
    }
    return KeyId.isValid(rest) ? Optional.of(new QualifiedAlias(region, rest, false)) : Optional.empty();
  }
}
