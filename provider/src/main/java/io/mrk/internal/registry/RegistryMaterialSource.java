package io.mrk.internal.registry;

import io.mrk.internal.key.KeyMaterial;
import io.mrk.internal.key.KeyMaterialSource;
import io.mrk.kms.Arn;
import io.mrk.kms.KeyId;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;

/**
 * The material of one key in one Region, subject to that Region's key state.
 *
 * <p>The cipher calls {@link #encryptionMaterial()} on every init, so the resolution is cached per
 * snapshot: while the registry's snapshot is the same object, the answer is the same, and a read of
 * one volatile field plus a clock read is all a call costs. Any change makes a new snapshot, so a
 * disabled key is refused at the very next call.
 */
final class RegistryMaterialSource implements KeyMaterialSource {

  /** The answer for one snapshot: the key's shared properties, or why it cannot be used. */
  private record Resolution(Snapshot snapshot, LogicalKey key, KmsError error, String message) {}

  private final LocalKeyRegistry registry;
  private final Region region;
  private final KeyId id;
  private final Arn arn;
  private volatile Resolution cached;

  RegistryMaterialSource(LocalKeyRegistry registry, Region region, KeyId id) {
    this.registry = registry;
    this.region = region;
    this.id = id;
    this.arn = Arn.forKey(region, registry.account(), id);
  }

  @Override
  public Arn keyArn() {
    return arn;
  }

  @Override
  public KeyMaterial encryptionMaterial() throws KmsException {
    return usable().latest();
  }

  @Override
  public void checkCanDecrypt() throws KmsException {
    usable();
  }

  @Override
  public KeyMaterial decryptionMaterial(int version) throws KmsException {
    LogicalKey key = usable();
    if (version < 1 || version > key.versions().size()) {
      throw new KmsException(KmsError.INVALID_STATE, "The key " + arn + " in " + region
          + " has not received key material version " + version + " yet.");
    }
    return key.versions().get(version - 1);
  }

  private LogicalKey usable() throws KmsException {
    Snapshot s = registry.current();
    Resolution r = cached;
    if (r == null || r.snapshot() != s) {
      r = resolve(s);
      cached = r;
    }
    if (r.error() != null) {
      throw new KmsException(r.error(), r.message());
    }
    return r.key();
  }

  private Resolution resolve(Snapshot s) {
    RegionalKey local = s.regional(region, id);
    if (local == null) {
      return new Resolution(s, null, KmsError.NOT_FOUND, "Key " + arn + " does not exist.");
    }
    try {
      StateRules.requireUsableForCrypto(local.state(), arn.toString());
    } catch (KmsException e) {
      return new Resolution(s, null, e.error(), e.getMessage());
    }
    return new Resolution(s, s.key(id), null, null);
  }

  @Override
  public String toString() {
    return "KeyMaterialSource[" + arn + "]";
  }
}
