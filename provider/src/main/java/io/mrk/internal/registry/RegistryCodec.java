package io.mrk.internal.registry;

import io.mrk.internal.key.KeyMaterial;
import io.mrk.internal.key.SecretAccess;
import io.mrk.internal.policy.PolicyDocument;
import io.mrk.kms.AccountId;
import io.mrk.kms.AliasName;
import io.mrk.kms.Arn;
import io.mrk.kms.GrantConstraints;
import io.mrk.kms.KeyId;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KeyState;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.lang.invoke.MethodHandles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The binary encoding of a registry's state, including its key material: the plaintext the
 * keystore seals. The layout is specified in {@code spec/registry-encoding.md}.
 *
 * <p>Decoding is strict: format version first (unknown versions refused), big-endian, every length
 * checked against the bytes left before reading or allocating, no trailing bytes, and the decoded
 * state must satisfy the registry's invariants ({@link SnapshotRules}). Any problem is an
 * {@link InvalidRegistryException}, never an unchecked exception.
 */
public final class RegistryCodec {

  /**
   * The format version this code writes: version 2 plus the keystore id and generation, and the
   * audit section ({@link AuditSectionCodec}).
   */
  public static final int FORMAT_VERSION = 3;
  /** Still read: an audit secret, but no keystore id, generation or audit section (chain version 1 logs). */
  static final int FORMAT_VERSION_WITHOUT_LINEAGE = 2;
  /** The first version, still read: it has no audit secret either. */
  static final int FORMAT_VERSION_WITHOUT_AUDIT_SECRET = 1;

  /** The codec writes key material into the sealed payload, and only there. */
  private static final SecretAccess SECRETS = SecretAccess.grantTo(MethodHandles.lookup());
  private static final int MIN_KEY_BYTES = 40;
  private static final int MIN_VERSION_BYTES = 4 + KeyMaterial.KEY_BYTES + 2 + 12 + 1;
  private static final int MIN_REGIONAL_BYTES = 30;
  private static final int MIN_ALIAS_BYTES = 30;
  private static final int MIN_GRANT_BYTES = 20;
  private static final int PAIR_BYTES = 4;
  private static final int CONSTRAINT_NONE = 0;
  private static final int CONSTRAINT_EQUALS = 1;
  private static final int CONSTRAINT_SUBSET = 2;

  private RegistryCodec() {}

  /**
   * The registry's state now (time-driven events applied), material included. The caller owns the
   * array and must wipe it once it is sealed.
   */
  public static byte[] encode(KeyRegistry registry) {
    LocalKeyRegistry local = local(registry);
    return encode(local.account(), local.auditSecret().forEncoding(local.auditSecret().committed()),
        local.lineage(), local.current());
  }

  /**
   * The same, with {@code section} as the audit section: what an audited write seals
   * ({@link AuditedWrite}). A Region-scoped registry is still encoded with its fresh export secret.
   */
  static byte[] encode(KeyRegistry registry, io.mrk.internal.audit.AuditSection section) {
    LocalKeyRegistry local = local(registry);
    return encode(local.account(), local.auditSecret().forEncoding(section), local.lineage(), local.current());
  }

  /**
   * A registry holding {@code payload}'s state, with {@code settings}' clock, random source and
   * replication delay. The account comes from the payload; {@code settings}' account is not used.
   *
   * <p>The registry is the working copy of a write: its operations change it (and a write applies
   * due rotations), its reads never mint anything. For a view that only reads, use
   * {@link #decodeReadOnly}.
   */
  public static KeyRegistry decode(byte[] payload, KeyRegistry.Builder settings)
      throws InvalidRegistryException {
    return decode(payload, settings, LocalKeyRegistry.Mode.WRITABLE);
  }

  /**
   * As {@link #decode}, but a view that refuses every change with {@code UnsupportedOperationException}
   * instead of accepting a change that would never be saved.
   */
  public static KeyRegistry decodeReadOnly(byte[] payload, KeyRegistry.Builder settings)
      throws InvalidRegistryException {
    return decode(payload, settings, LocalKeyRegistry.Mode.READ_ONLY);
  }

  static LocalKeyRegistry decode(byte[] payload, KeyRegistry.Builder settings, LocalKeyRegistry.Mode mode)
      throws InvalidRegistryException {
    RegistryBuilder builder = RegistryBuilder.of(settings);
    if (payload == null) {
      throw new InvalidRegistryException("Invalid registry: the payload is missing.");
    }
    List<KeyMaterial> made = new ArrayList<>();
    boolean ok = false;
    try {
      PayloadReader in = new PayloadReader(payload);
      int version = in.u16();
      if (version < FORMAT_VERSION_WITHOUT_AUDIT_SECRET || version > FORMAT_VERSION) {
        throw new InvalidRegistryException("Unsupported registry format version " + version
            + " (this MRK reads versions " + FORMAT_VERSION_WITHOUT_AUDIT_SECRET + " to " + FORMAT_VERSION + ").");
      }
      AccountId account = new AccountId(in.string());
      AuditSecret auditSecret = null;
      Lineage lineage = Lineage.NEW;
      if (version >= FORMAT_VERSION_WITHOUT_LINEAGE) {
        byte[] secret = in.bytes(AuditSecret.BYTES);
        try {
          // Version 3: keystore id and generation, then the audit section (spec/registry-encoding.md).
          io.mrk.internal.audit.AuditSection section = io.mrk.internal.audit.AuditSection.empty(true);
          if (version == FORMAT_VERSION) {
            lineage = readLineage(in);
            section = AuditSectionCodec.read(in);
          }
          auditSecret = AuditSecret.stored(secret, section);
        } finally {
          Arrays.fill(secret, (byte) 0);
        }
      }
      Snapshot snapshot = readSnapshot(in, account, made);
      if (in.remaining() != 0) {
        throw new InvalidRegistryException("Invalid registry: " + in.remaining() + " trailing bytes.");
      }
      String problem = SnapshotRules.problem(snapshot);
      if (problem != null) {
        throw new InvalidRegistryException("Invalid registry: " + problem);
      }
      ok = true;
      return builder.buildWith(snapshot, account, auditSecret, mode, lineage);
    } catch (IllegalArgumentException | KmsException e) {
      throw new InvalidRegistryException("Invalid registry: " + e.getMessage());
    } finally {
      if (!ok) {
        made.forEach(m -> m.destroy(SECRETS));
      }
    }
  }

  /**
   * A registry holding only {@code region}'s keys (primaries and replicas, all their material) and
   * aliases. Membership lists still name the other Regions so DescribeKey stays faithful, but no
   * other Region's key exists in it. The material is shared with {@code registry}, not copied. The
   * result is a read-only view of a new keystore (its lineage is minted when it is written).
   */
  public static KeyRegistry regionScoped(KeyRegistry registry, Region region, KeyRegistry.Builder settings) {
    Objects.requireNonNull(region, "region");
    LocalKeyRegistry source = local(registry);
    RegistryBuilder builder = RegistryBuilder.of(settings);
    Snapshot s = source.current();
    Map<KeyId, LogicalKey> keys = new TreeMap<>();
    Map<KeyLocation, RegionalKey> regional = new TreeMap<>();
    Map<AliasLocation, AliasTarget> aliases = new TreeMap<>();
    s.regional().forEach((location, key) -> {
      if (location.region().equals(region)) {
        regional.put(location, key);
        keys.put(key.id(), s.key(key.id()));
      }
    });
    s.aliases().forEach((location, target) -> {
      if (location.region().equals(region)) {
        aliases.put(location, target);
      }
    });
    // An export gets a fresh audit secret when encoded, so it cannot forge the source's chains.
    return builder.buildWith(new Snapshot(keys, regional, aliases), source.account(),
        source.auditSecret().scopedCopy(new java.security.SecureRandom()), LocalKeyRegistry.Mode.READ_ONLY,
        Lineage.NEW);
  }

  private static LocalKeyRegistry local(KeyRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    if (!(registry instanceof LocalKeyRegistry local)) {
      throw new IllegalArgumentException("registry must come from KeyRegistries.builder()");
    }
    return local;
  }

  private static byte[] encode(AccountId account, AuditSecret.Encoding audit, Lineage lineage, Snapshot s) {
    PayloadWriter out = new PayloadWriter();
    out.u16(FORMAT_VERSION);
    out.string(account.value());
    byte[] secret = audit.secret();
    try {
      out.bytes(secret);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
    out.bytes(lineage.keystoreId().isEmpty() ? new byte[Lineage.ID_BYTES]
        : HexFormat.of().parseHex(lineage.keystoreId()));
    out.i64(lineage.generation());
    AuditSectionCodec.write(out, audit.section());
    out.u32(s.keys().size());
    for (LogicalKey k : s.keys().values()) {
      writeKey(out, k);
    }
    out.u32(s.regional().size());
    for (RegionalKey k : s.regional().values()) {
      writeRegional(out, k);
    }
    out.u32(s.aliases().size());
    s.aliases().forEach((location, target) -> {
      out.string(location.region().code());
      out.string(location.name().value());
      out.string(target.keyId().value());
      out.instant(target.creationDate());
      out.instant(target.lastUpdatedDate());
    });
    return out.toByteArrayAndWipe();
  }

  /**
   * The keystore id and generation: 16 bytes, all zero exactly when no write has minted an id yet,
   * in which case the generation is 0; otherwise the generation is at least 1.
   */
  private static Lineage readLineage(PayloadReader in) throws InvalidRegistryException {
    byte[] id = in.bytes(Lineage.ID_BYTES);
    long generation = in.i64();
    boolean unnamed = Arrays.equals(id, new byte[Lineage.ID_BYTES]);
    if (generation < 0 || unnamed != (generation == 0)) {
      throw new InvalidRegistryException("Invalid registry: keystore id and generation " + generation
          + " disagree (an unnamed keystore has generation 0, a named one at least 1).");
    }
    return unnamed ? Lineage.NEW : new Lineage(HexFormat.of().formatHex(id), generation);
  }

  private static void writeKey(PayloadWriter out, LogicalKey k) {
    out.string(k.id().value());
    out.bool(k.multiRegion());
    out.string(k.origin());
    out.string(k.keySpec());
    out.string(k.keyUsage());
    out.string(k.primaryRegion().code());
    out.u16(k.replicaRegions().size());
    k.replicaRegions().forEach(r -> out.string(r.code()));
    out.bool(k.rotationEnabled());
    out.u16(k.rotationPeriodDays());
    out.optionalInstant(k.nextRotationDate());
    out.u16(k.onDemandRotations());
    out.u32(k.versions().size());
    for (KeyMaterial m : k.versions()) {
      out.u32(m.version());
      out.string(m.materialId());
      out.instant(m.createdAt());
      out.bool(m.onDemand());
      byte[] secret = m.bytes(SECRETS);
      try {
        out.bytes(secret);
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
    }
  }

  private static void writeRegional(PayloadWriter out, RegionalKey k) {
    out.string(k.region().code());
    out.string(k.id().value());
    out.instant(k.creationDate());
    out.string(k.description());
    out.string(k.policy().text());
    out.string(k.state().kmsName());
    out.optionalInstant(k.deletionDate());
    out.bool(k.deletionWindowDays() != null);
    if (k.deletionWindowDays() != null) {
      out.u16(k.deletionWindowDays());
    }
    out.optionalInstant(k.transitionUntil());
    out.optionalString(k.stateAfterTransition() == null ? null : k.stateAfterTransition().kmsName());
    out.u16(k.tags().size());
    k.tags().forEach((key, value) -> {
      out.string(key);
      out.string(value);
    });
    out.u16(k.grants().size());
    for (Grant g : k.grants()) {
      out.string(g.grantId());
      out.string(g.grantToken());
      out.optionalString(g.name());
      out.instant(g.creationDate());
      out.string(g.granteePrincipal());
      out.optionalString(g.retiringPrincipal());
      out.u16(g.operations().size());
      g.operations().forEach(out::string);
      Map<String, String> pairs = g.constraints().encryptionContextEquals().isEmpty()
          ? g.constraints().encryptionContextSubset() : g.constraints().encryptionContextEquals();
      out.u8(pairs.isEmpty() ? CONSTRAINT_NONE
          : g.constraints().encryptionContextEquals().isEmpty() ? CONSTRAINT_SUBSET : CONSTRAINT_EQUALS);
      out.u16(pairs.size());
      new TreeMap<>(pairs).forEach((key, value) -> {
        out.string(key);
        out.string(value);
      });
    }
  }

  private static Snapshot readSnapshot(PayloadReader in, AccountId account, List<KeyMaterial> made)
      throws InvalidRegistryException, KmsException {
    Map<KeyId, LogicalKey> keys = new TreeMap<>();
    int keyCount = in.count(MIN_KEY_BYTES, "key");
    for (int i = 0; i < keyCount; i++) {
      LogicalKey k = readKey(in, made);
      if (keys.put(k.id(), k) != null) {
        throw new InvalidRegistryException("Invalid registry: key " + k.id() + " appears twice.");
      }
    }
    Map<KeyLocation, RegionalKey> regional = new TreeMap<>();
    int regionalCount = in.count(MIN_REGIONAL_BYTES, "regional key");
    for (int i = 0; i < regionalCount; i++) {
      RegionalKey k = readRegional(in, account);
      if (regional.put(k.location(), k) != null) {
        throw new InvalidRegistryException("Invalid registry: key " + k.id() + " appears twice in "
            + k.region() + ".");
      }
    }
    Map<AliasLocation, AliasTarget> aliases = new TreeMap<>();
    int aliasCount = in.count(MIN_ALIAS_BYTES, "alias");
    for (int i = 0; i < aliasCount; i++) {
      AliasLocation location = new AliasLocation(Region.of(in.string()), AliasName.of(in.string()));
      AliasTarget target = new AliasTarget(KeyId.of(in.string()), in.instant(), in.instant());
      if (aliases.put(location, target) != null) {
        throw new InvalidRegistryException("Invalid registry: alias " + location.name() + " appears twice in "
            + location.region() + ".");
      }
    }
    return new Snapshot(keys, regional, aliases);
  }

  private static LogicalKey readKey(PayloadReader in, List<KeyMaterial> made)
      throws InvalidRegistryException, KmsException {
    KeyId id = KeyId.of(in.string());
    boolean multiRegion = in.bool();
    String origin = in.string();
    String spec = in.string();
    String usage = in.string();
    Region primary = Region.of(in.string());
    SortedSet<Region> replicas = new TreeSet<>();
    int replicaCount = in.shortCount(2, "replica");
    for (int i = 0; i < replicaCount; i++) {
      replicas.add(Region.of(in.string()));
    }
    boolean rotationEnabled = in.bool();
    int period = in.u16();
    Instant nextRotation = in.optionalInstant();
    int onDemand = in.u16();
    int versionCount = in.count(MIN_VERSION_BYTES, "material version");
    List<KeyMaterial> versions = new ArrayList<>();
    for (int i = 0; i < versionCount; i++) {
      int version = in.i32();
      if (version != i + 1) {
        throw new InvalidRegistryException("Invalid registry: key " + id + " has material version "
            + version + " where " + (i + 1) + " was expected.");
      }
      String materialId = in.string();
      Instant created = in.instant();
      boolean onDemandVersion = in.bool();
      KeyMaterial m = new KeyMaterial(version, in.bytes(KeyMaterial.KEY_BYTES), materialId, created,
          onDemandVersion);
      made.add(m);
      versions.add(m);
    }
    return new LogicalKey(id, multiRegion, origin, spec, usage, primary, replicas, rotationEnabled,
        period, nextRotation, versions, onDemand);
  }

  private static RegionalKey readRegional(PayloadReader in, AccountId account)
      throws InvalidRegistryException, KmsException {
    Region region = Region.of(in.string());
    KeyId id = KeyId.of(in.string());
    Instant created = in.instant();
    String description = in.string();
    PolicyDocument policy = readPolicy(in, Arn.forKey(region, account, id));
    KeyState state = KeyState.fromKmsName(in.string());
    Instant deletionDate = in.optionalInstant();
    Integer window = in.bool() ? in.u16() : null;
    Instant transitionUntil = in.optionalInstant();
    String after = in.optionalString();
    KeyState stateAfter = after == null ? null : KeyState.fromKmsName(after);
    Map<String, String> tags = new TreeMap<>();
    int tagCount = in.shortCount(PAIR_BYTES, "tag");
    for (int i = 0; i < tagCount; i++) {
      String key = in.string();
      if (tags.put(key, in.string()) != null) {
        throw new InvalidRegistryException("Invalid registry: a tag key appears twice on " + id + ".");
      }
    }
    List<Grant> grants = new ArrayList<>();
    int grantCount = in.shortCount(MIN_GRANT_BYTES, "grant");
    for (int i = 0; i < grantCount; i++) {
      grants.add(readGrant(in));
    }
    return new RegionalKey(region, id, created, description, policy, grants, state, deletionDate, window,
        new TreeMap<>(tags), transitionUntil, stateAfter);
  }

  /** The same parse as PutKeyPolicy: a stored policy that an operation would refuse makes the file invalid. */
  private static PolicyDocument readPolicy(PayloadReader in, Arn keyArn) throws InvalidRegistryException {
    String text = in.string();
    try {
      return PolicyDocument.parse(text, keyArn);
    } catch (KmsException e) {
      throw new InvalidRegistryException("Invalid registry: the key policy of " + keyArn + " is refused: "
          + e.getMessage());
    }
  }

  private static Grant readGrant(PayloadReader in) throws InvalidRegistryException {
    String grantId = in.string();
    String token = in.string();
    String name = in.optionalString();
    Instant created = in.instant();
    String grantee = in.string();
    String retiring = in.optionalString();
    List<String> operations = new ArrayList<>();
    int opCount = in.shortCount(2, "grant operation");
    for (int i = 0; i < opCount; i++) {
      operations.add(in.string());
    }
    int kind = in.u8();
    Map<String, String> pairs = new TreeMap<>();
    int pairCount = in.shortCount(PAIR_BYTES, "encryption context pair");
    for (int i = 0; i < pairCount; i++) {
      String key = in.string();
      pairs.put(key, in.string());
    }
    GrantConstraints constraints = switch (kind) {
      case CONSTRAINT_NONE -> GrantConstraints.NONE;
      case CONSTRAINT_EQUALS -> new GrantConstraints(pairs, Map.of());
      case CONSTRAINT_SUBSET -> new GrantConstraints(Map.of(), pairs);
      default -> throw new InvalidRegistryException("Invalid registry: unknown grant constraint kind " + kind + ".");
    };
    if ((kind == CONSTRAINT_NONE) != pairs.isEmpty()) {
      throw new InvalidRegistryException("Invalid registry: grant constraint kind and pairs disagree.");
    }
    return new Grant(grantId, token, name, created, grantee, retiring, operations, constraints);
  }
}
