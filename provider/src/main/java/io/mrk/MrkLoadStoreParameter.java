package io.mrk;

import io.mrk.internal.registry.RegistryAccess;
import io.mrk.kms.Region;
import java.nio.file.Path;
import java.security.KeyStore;
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
 * <p>With a Region filter the loaded store holds only that Region's keys and aliases (and only their
 * material in memory), as a Region-scoped export does. Storing such a view back over the file it came
 * from is refused, so that a filtered view can never overwrite the other Regions' keys.
 */
public final class MrkLoadStoreParameter implements KeyStore.LoadStoreParameter {

  private final Path file;
  private final KeyStore.PasswordProtection protection;
  private final Region region;
  private final String principal;

  private MrkLoadStoreParameter(Path file, KeyStore.PasswordProtection protection, Region region,
                                String principal) {
    this.file = Objects.requireNonNull(file, "file");
    this.protection = Objects.requireNonNull(protection, "protection");
    this.region = region;
    this.principal = principal;
  }

  /** The whole keystore in {@code file}, sealed with {@code password}. */
  public static MrkLoadStoreParameter of(Path file, char[] password) {
    return new MrkLoadStoreParameter(file, new KeyStore.PasswordProtection(password), null, null);
  }

  /** Only {@code region}'s keys of the keystore in {@code file}. */
  public static MrkLoadStoreParameter ofRegion(Path file, char[] password, Region region) {
    return new MrkLoadStoreParameter(file, new KeyStore.PasswordProtection(password),
        Objects.requireNonNull(region, "region"), null);
  }

  /**
   * The same, acting as {@code principalArn}, e.g. {@code arn:aws:iam::111122223333:role/app}.
   *
   * @throws IllegalArgumentException when it is not an IAM root, user or role ARN or an STS
   *     assumed-role ARN
   */
  public MrkLoadStoreParameter withPrincipal(String principalArn) {
    if (!RegistryAccess.isPrincipal(principalArn)) {
      throw new IllegalArgumentException("Not a principal ARN: " + principalArn);
    }
    return new MrkLoadStoreParameter(file, protection, region, principalArn);
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
