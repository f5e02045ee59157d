package io.mrk;

import io.mrk.kms.Region;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Objects;
import java.util.Optional;

/**
 * How to load or store an {@code MRK} {@link KeyStore} from a file: the file, its password and,
 * optionally, the one Region whose keys the store should expose.
 *
 * <p>With a Region filter the loaded store holds only that Region's keys and aliases (and only their
 * material in memory), as a Region-scoped export does. Storing such a view back over the file it came
 * from is refused, so that a filtered view can never overwrite the other Regions' keys.
 */
public final class MrkLoadStoreParameter implements KeyStore.LoadStoreParameter {

  private final Path file;
  private final KeyStore.PasswordProtection protection;
  private final Region region;

  private MrkLoadStoreParameter(Path file, KeyStore.PasswordProtection protection, Region region) {
    this.file = Objects.requireNonNull(file, "file");
    this.protection = Objects.requireNonNull(protection, "protection");
    this.region = region;
  }

  /** The whole keystore in {@code file}, sealed with {@code password}. */
  public static MrkLoadStoreParameter of(Path file, char[] password) {
    return new MrkLoadStoreParameter(file, new KeyStore.PasswordProtection(password), null);
  }

  /** Only {@code region}'s keys of the keystore in {@code file}. */
  public static MrkLoadStoreParameter ofRegion(Path file, char[] password, Region region) {
    return new MrkLoadStoreParameter(file, new KeyStore.PasswordProtection(password),
        Objects.requireNonNull(region, "region"));
  }

  public Path file() {
    return file;
  }

  /** The Region filter, if any. */
  public Optional<Region> region() {
    return Optional.ofNullable(region);
  }

  @Override
  public KeyStore.ProtectionParameter getProtectionParameter() {
    return protection;
  }

  @Override
  public String toString() {
    return "MrkLoadStoreParameter[file=" + file + (region == null ? "" : ", region=" + region) + "]";
  }
}
