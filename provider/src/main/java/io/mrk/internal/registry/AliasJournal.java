package io.mrk.internal.registry;

import io.mrk.kms.KeyId;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The alias changes a {@code KeyStore} made since it was loaded, each with the target it saw, so
 * that {@code KeyStore.store} can apply them to whatever the file holds now (a compare-and-swap per
 * alias) instead of replacing the file with its loaded view and losing other writers' changes.
 */
public final class AliasJournal {

  /** One change: {@code alias} in {@code region} pointed to {@code before} (null: absent) and now to {@code after} (null: deleted). */
  record Entry(Region region, String alias, KeyId before, KeyId after) {}

  private final List<Entry> entries = new ArrayList<>();

  /** Records that {@code alias} in {@code region} went from {@code before} to {@code after} (either may be null). */
  public synchronized void record(Region region, String alias, KeyId before, KeyId after) {
    entries.add(new Entry(Objects.requireNonNull(region, "region"), Objects.requireNonNull(alias, "alias"),
        before, after));
  }

  public synchronized boolean isEmpty() {
    return entries.isEmpty();
  }

  public synchronized void clear() {
    entries.clear();
  }

  /**
   * Applies the changes in order to {@code registry} acting as {@code principal} (null: the
   * keystore holder).
   *
   * @throws KmsException {@code ConflictException} naming the alias when another writer changed it
   *     since it was read; the error of the operation when it is refused now
   */
  public synchronized void replay(KeyRegistry registry, String principal) throws KmsException {
    for (Entry e : entries) {
      KmsClient client = RegistryAccess.client(registry, e.region(), principal);
      KeyId now = RegistryAccess.aliasTarget(registry, e.region(), e.alias());
      if (!Objects.equals(now, e.before())) {
        throw new KmsException(KmsError.CONFLICT, "Another writer changed " + e.region() + "/" + e.alias()
            + " since this KeyStore was loaded: this store saw " + describe(e.before()) + ", the file now has "
            + describe(now) + ". Load the keystore again and repeat the change.");
      }
      if (e.after() == null) {
        client.deleteAlias(e.alias());
      } else if (e.before() == null) {
        client.createAlias(e.alias(), e.after().value());
      } else {
        client.updateAlias(e.alias(), e.after().value());
      }
    }
  }


  private static String describe(KeyId id) {
    return id == null ? "no such alias" : "it pointing to " + id.value();
  }
}
