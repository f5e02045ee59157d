package io.mrk.internal.keystore;

import io.mrk.internal.registry.Lineage;
import io.mrk.internal.registry.RegistryAccess;
import io.mrk.kms.AliasListEntry;
import io.mrk.kms.KeyListEntry;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The entry names of an MRK KeyStore: {@code <region>/<key-id>} per key and Region, and
 * {@code <region>/alias/<name>} per alias. Listed again whenever the registry's state is another
 * generation than the one listed, because a followed view swaps to newer generations of its file.
 */
final class KeyStoreEntries {

  private Map<String, QualifiedAlias> entries = Map.of();
  private KeyRegistry listedFrom;
  private Lineage listedLineage;

  /** The entries of {@code registry}'s current state; the last listing if listing it again fails. */
  synchronized Map<String, QualifiedAlias> of(KeyRegistry registry) {
    registry.regions();
    if (registry != listedFrom || !RegistryAccess.lineage(registry).equals(listedLineage)) {
      try {
        list(registry);
      } catch (KmsException e) {
        return entries;
      }
    }
    return entries;
  }

  /** Lists {@code registry}'s keys and aliases now. */
  synchronized void list(KeyRegistry registry) throws KmsException {
    listedFrom = registry;
    listedLineage = RegistryAccess.lineage(registry);
    Map<String, QualifiedAlias> all = new TreeMap<>();
    // The store's own bookkeeping reads an unaudited copy: listing entries is not a caller's KMS call.
    KeyRegistry unaudited = RegistryAccess.writableCopy(registry);
    for (Region region : unaudited.regions()) {
      KmsClient client = unaudited.client(region);
      for (KeyListEntry key : client.listKeys()) {
        all.put(QualifiedAlias.ofKey(region, key.keyId()), new QualifiedAlias(region, key.keyId().value(), false));
      }
      for (AliasListEntry alias : client.listAliases(null)) {
        if (alias.targetKeyId() != null) {
          all.put(QualifiedAlias.ofAlias(region, alias.aliasName()), new QualifiedAlias(region, alias.aliasName(), true));
        }
      }
    }
    entries = Collections.unmodifiableMap(all);
  }
}
