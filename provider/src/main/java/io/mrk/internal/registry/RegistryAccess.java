package io.mrk.internal.registry;

import io.mrk.kms.AccountId;
import io.mrk.kms.KeyId;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.Principal;
import io.mrk.kms.Region;
import java.util.Objects;

/**
 * What the keystore files and the {@code KeyStore} SPI need of a registry beyond {@link KeyRegistry}:
 * its lineage, due rotations, a writable copy and unaudited alias lookups. Not for use outside the
 * provider (the public equivalents are {@link KeyRegistry#client(Region, Principal)} and
 * {@link KmsClient#keyHandle(String, java.util.Map)}).
 */
public final class RegistryAccess {

  private RegistryAccess() {}

  /** The account root principal for {@code region}'s partition, {@code arn:<partition>:iam::<account>:root}. */
  static String rootPrincipal(Region region, AccountId account) {
    return "arn:" + region.partition().id() + ":iam::" + account.value() + ":root";
  }

  /**
   * A client of {@code region} acting as {@code principal}; {@code null} means the registry's holder
   * ({@link KeyRegistry#client(Region)}). For the {@code KeyStore} SPI and the alias journal, which
   * carry the principal as text.
   *
   * @throws IllegalArgumentException when {@code principal} is not a principal ARN
   */
  public static KmsClient client(KeyRegistry registry, Region region, String principal) {
    Objects.requireNonNull(region, "region");
    return principal == null ? local(registry).client(region) : local(registry).client(region, new Principal(principal));
  }

  /**
   * Sends every later event of {@code registry} to {@code sink}. Package-private: only the audit
   * wiring of this package may redirect or stop a registry's audit.
   */
  static void audit(KeyRegistry registry, AuditSink sink) {
    local(registry).audit(sink);
  }

  /**
   * Applies every automatic rotation (and other time-driven event) due by now: what the next writer of
   * a keystore does before it commits, so that new material exists only in a persisted write.
   *
   * @throws IllegalStateException for a read-only view
   */
  public static void applyDueRotations(KeyRegistry registry) {
    local(registry).applyDue();
  }

  /** How many keys have an automatic rotation that is due but that no writer has persisted yet. */
  public static int dueRotations(KeyRegistry registry) {
    return local(registry).dueRotations();
  }

  /** Which keystore {@code registry}'s state came from and its generation ({@link Lineage#NEW} if never written). */
  public static Lineage lineage(KeyRegistry registry) {
    return local(registry).lineage();
  }

  /**
   * Marks {@code registry} as the next committed write of its keystore: one generation on, with an
   * id minted now if it has none. Call it inside the write, just before encoding.
   */
  public static Lineage advanceLineage(KeyRegistry registry, java.security.SecureRandom random) {
    LocalKeyRegistry local = local(registry);
    Lineage next = local.lineage().next(random);
    local.lineage(next);
    return next;
  }

  /** Marks {@code registry} as the first state of a new keystore (an export): a fresh id, generation 1. */
  public static Lineage newLineage(KeyRegistry registry, java.security.SecureRandom random) {
    Lineage fresh = Lineage.fresh(random);
    local(registry).lineage(fresh);
    return fresh;
  }

  /**
   * A private writable copy of {@code registry}'s state, without audit or file: where a
   * {@code KeyStore} tries its changes before {@code store} replays them onto the file.
   */
  public static KeyRegistry writableCopy(KeyRegistry registry) {
    return local(registry).copy(LocalKeyRegistry.Mode.WRITABLE);
  }

  /**
   * The key {@code aliasName} points to in {@code region}, or null when there is no such alias; read
   * from the state directly, neither audited nor subject to a policy (bookkeeping, not a KMS call).
   */
  public static KeyId aliasTarget(KeyRegistry registry, Region region, String aliasName) {
    try {
      AliasTarget t = local(registry).current().alias(region, new io.mrk.kms.AliasName(aliasName));
      return t == null ? null : t.keyId();
    } catch (IllegalArgumentException invalid) {
      return null;
    }
  }

  /** True when {@code registry} is a read-only view that refuses changes. */
  public static boolean isReadOnly(KeyRegistry registry) {
    return local(registry).mode() == LocalKeyRegistry.Mode.READ_ONLY;
  }

  static LocalKeyRegistry local(KeyRegistry registry) {
    if (!(Objects.requireNonNull(registry, "registry") instanceof LocalKeyRegistry local)) {
      throw new IllegalArgumentException("registry must come from KeyRegistries.builder()");
    }
    return local;
  }
}
