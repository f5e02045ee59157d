package io.mrk.internal.registry;

import io.mrk.MrkKey;
import io.mrk.kms.AccountId;
import io.mrk.kms.KeyId;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the keystore, the {@code KeyStore} SPI and the command line need beyond {@link KeyRegistry}:
 * clients acting as a given principal and key handles bound to an encryption context.
 */
public final class RegistryAccess {

  /**
   * The principals MRK accepts: IAM roots, users and roles, and STS assumed-role sessions, e.g.
   * {@code arn:aws:iam::111122223333:role/app}.
   */
  private static final Pattern PRINCIPAL = Pattern.compile(
      "arn:aws(-cn|-us-gov)?:(iam::[0-9]{12}:(root|user/[\\w+=,.@/-]{1,512}|role/[\\w+=,.@/-]{1,512})"
          + "|sts::[0-9]{12}:assumed-role/[\\w+=,.@/-]{1,512})");

  private RegistryAccess() {}

  /** The account root principal for {@code region}'s partition, {@code arn:<partition>:iam::<account>:root}. */
  static String rootPrincipal(Region region, AccountId account) {
    return "arn:" + region.partition().id() + ":iam::" + account.value() + ":root";
  }

  /** True when {@code principal} is a principal ARN MRK accepts. */
  public static boolean isPrincipal(String principal) {
    return principal != null && PRINCIPAL.matcher(principal).matches();
  }

  /**
   * A client of {@code region} acting as {@code principal}; {@code null} means the account root (as
   * {@link KeyRegistry#client} does).
   *
   * @throws IllegalArgumentException when {@code principal} is not a principal ARN
   */
  public static KmsClient client(KeyRegistry registry, Region region, String principal) {
    LocalKeyRegistry local = local(registry);
    Objects.requireNonNull(region, "region");
    if (principal == null) {
      return local.client(region);
    }
    if (!isPrincipal(principal)) {
      throw new IllegalArgumentException("Not a principal ARN (arn:aws:iam::<account>:root, :user/<name>,"
          + " :role/<name> or arn:aws:sts::<account>:assumed-role/<role>/<session>): " + principal);
    }
    return new RegionClient(local, region, principal);
  }

  /**
   * A key handle of {@code client} whose every {@code Cipher.init} is checked against that Region's
   * policy and grants with {@code encryptionContext}, the context its user will supply (the cipher
   * does not know the context at init).
   */
  public static MrkKey keyHandle(KmsClient client, String keyId, Map<String, String> encryptionContext)
      throws KmsException {
    if (!(client instanceof RegionClient regional)) {
      throw new IllegalArgumentException("client must come from a KeyRegistry of this library");
    }
    return regional.keyHandle(keyId, Objects.requireNonNull(encryptionContext, "encryptionContext"));
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
      throw new IllegalArgumentException("registry must come from KeyRegistry.builder()");
    }
    return local;
  }
}
