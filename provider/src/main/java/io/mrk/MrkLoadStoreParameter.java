package io.mrk;

import io.mrk.kms.Principal;
import io.mrk.kms.Region;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to load or store an {@code MRK} {@link KeyStore} from a file: the file, its password and,
 * optionally, the one Region whose keys the store should expose.
 *
 * <p>With a principal ({@link #withPrincipal}), every key handle and every change the loaded store
 * makes acts as that principal: each {@code Cipher.init} and each alias change is checked against
 * the key policy and grants of the handle's Region, and refused with {@code AccessDeniedException}
 * when they do not allow it. Without one, the caller is the keystore holder (audited as the account
 * root, never refused by a policy). Key handles carry no encryption context, so at {@code Cipher.init}
 * a permission conditioned on the encryption context does not apply and a denial conditioned on it
 * does (see {@code spec/policy-and-audit.md}).
 *
 * <p>The loaded store follows its file: used at most every {@link #refreshInterval()} it checks the
 * file and swaps to a newer generation another process committed. {@code KeyStore.store} to the
 * same file applies this store's own alias changes to the file's current state under its lock (a
 * compare-and-swap), and fails, writing nothing, when another writer changed one of those aliases.
 *
 * <p>With a Region filter the loaded store holds only that Region's keys and aliases (and only their
 * material in memory), as a Region-scoped export does. Storing such a view back over the file it came
 * from is refused, so that a filtered view can never overwrite the other Regions' keys.
 */
public final class MrkLoadStoreParameter implements KeyStore.LoadStoreParameter {

  /** How often a loaded store checks its file for a newer generation, unless told otherwise. */
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(2);

  private final Path file;
  private final KeyStore.PasswordProtection protection;
  private final Region region;
  private final String principal;
  private final Duration refreshInterval;

  private MrkLoadStoreParameter(Path file, KeyStore.PasswordProtection protection, Region region,
                                String principal, Duration refreshInterval) {
    this.file = Objects.requireNonNull(file, "file");
    this.protection = Objects.requireNonNull(protection, "protection");
    this.region = region;
    this.principal = principal;
    this.refreshInterval = refreshInterval;
  }

  /** The whole keystore in {@code file}, sealed with {@code password}. */
  public static MrkLoadStoreParameter of(Path file, char[] password) {
    return new MrkLoadStoreParameter(file, new KeyStore.PasswordProtection(password), null, null,
        DEFAULT_REFRESH_INTERVAL);
  }

  /** Only {@code region}'s keys of the keystore in {@code file}. */
  public static MrkLoadStoreParameter ofRegion(Path file, char[] password, Region region) {
    return new MrkLoadStoreParameter(file, new KeyStore.PasswordProtection(password),
        Objects.requireNonNull(region, "region"), null, DEFAULT_REFRESH_INTERVAL);
  }

  /**
   * The same, acting as {@code principalArn}, e.g. {@code arn:aws:iam::111122223333:role/app}.
   *
   * @throws IllegalArgumentException when it is not an IAM root, user or role ARN or an STS
   *     assumed-role ARN
   */
  public MrkLoadStoreParameter withPrincipal(String principalArn) {
    if (!Principal.isValid(principalArn)) {
      throw new IllegalArgumentException("Not a principal ARN: " + principalArn);
    }
    return new MrkLoadStoreParameter(file, protection, region, principalArn, refreshInterval);
  }

  /**
   * The same, with the loaded store checking its file for a newer generation (rotations, disables,
   * new replicas and aliases committed by other processes) at most once per {@code interval} of use;
   * {@link Duration#ZERO} checks on every use.
   */
  public MrkLoadStoreParameter withRefreshInterval(Duration interval) {
    if (Objects.requireNonNull(interval, "interval").isNegative()) {
      throw new IllegalArgumentException("the refresh interval must not be negative: " + interval);
    }
    return new MrkLoadStoreParameter(file, protection, region, principal, interval);
  }

  /** How often the loaded store checks its file. */
  public Duration refreshInterval() {
    return refreshInterval;
  }

  public Path file() {
    return file;
  }

  /** The Region filter, if any. */
  public Optional<Region> region() {
    return Optional.ofNullable(region);
  }

  /** The principal the store acts as, if any. */
  public Optional<String> principal() {
    return Optional.ofNullable(principal);
  }

  @Override
  public KeyStore.ProtectionParameter getProtectionParameter() {
    return protection;
  }

  @Override
  public String toString() {
    return "MrkLoadStoreParameter[file=" + file + (region == null ? "" : ", region=" + region)
        + (principal == null ? "" : ", principal=" + principal) + "]";
  }
}
