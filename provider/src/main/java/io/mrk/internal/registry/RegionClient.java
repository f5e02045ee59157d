package io.mrk.internal.registry;

import io.mrk.MrkKey;
import io.mrk.internal.key.MrkKeyHandle;
import io.mrk.kms.AliasListEntry;
import io.mrk.kms.Arn;
import io.mrk.kms.CreateGrantRequest;
import io.mrk.kms.CreateGrantResult;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.GrantListEntry;
import io.mrk.kms.KeyId;
import io.mrk.kms.KeyListEntry;
import io.mrk.kms.KeyMetadata;
import io.mrk.kms.KeyRotation;
import io.mrk.kms.KeyRotationStatus;
import io.mrk.kms.KeyState;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import io.mrk.kms.ReplicateKeyRequest;
import io.mrk.kms.ReplicateKeyResult;
import io.mrk.kms.ScheduleKeyDeletionResult;
import io.mrk.kms.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The KMS operations of one Region over a {@link LocalKeyRegistry}. Key lifecycle, rotation,
 * deletion, tags, description and policy live here; aliases and grants in {@link AliasOperations}
 * and {@link GrantOperations}.
 */
final class RegionClient implements KmsClient {

  static final int MAX_DESCRIPTION = 8192;
  static final int MIN_ROTATION_DAYS = 90;
  static final int MAX_ROTATION_DAYS = 2560;
  static final int MIN_WINDOW_DAYS = 7;
  static final int MAX_WINDOW_DAYS = 30;
  static final int DEFAULT_WINDOW_DAYS = 30;
  static final int MAX_ON_DEMAND_ROTATIONS = 25;
  static final Duration ROTATION_CONFLICT_MARGIN = Duration.ofMinutes(20);

  private final LocalKeyRegistry registry;
  private final Region region;

  RegionClient(LocalKeyRegistry registry, Region region) {
    this.registry = registry;
    this.region = region;
  }

  @Override
  public Region region() {
    return region;
  }

  /** A key resolved in this Region: its shared and independent properties and its ARN here. */
  record Resolved(LogicalKey shared, RegionalKey local, String arn) {}

  Resolved resolve(Snapshot s, String keyId) throws KmsException {
    RegionalKey local = KeyResolver.resolve(s, region, registry.account(), keyId);
    return new Resolved(s.key(local.id()), local,
        Arn.forKey(region, registry.account(), local.id()).toString());
  }

  LocalKeyRegistry registry() {
    return registry;
  }

  @Override
  public KeyMetadata createKey(CreateKeyRequest request) throws KmsException {
    if (request == null) {
      throw new KmsException(KmsError.VALIDATION, "CreateKey request is missing.");
    }
    requireSupported("KeySpec", request.keySpec(), CreateKeyRequest.SYMMETRIC_DEFAULT);
    requireSupported("KeyUsage", request.keyUsage(), CreateKeyRequest.ENCRYPT_DECRYPT);
    requireSupported("Origin", request.origin(), CreateKeyRequest.AWS_KMS);
    String description = checkDescription(request.description());
    String policy = policyOrDefault(request.policy());
    Map<String, String> tags = TagRules.merge(Map.of(), request.tags());
    return registry.mutate((s, now) -> {
      KeyId id;
      do {
        id = request.multiRegion()
            ? KeyId.newMultiRegion(registry.materials().random())
            : KeyId.newSingleRegion(registry.materials().random());
      } while (s.key(id) != null);
      LogicalKey shared = new LogicalKey(id, request.multiRegion(), request.origin(), request.keySpec(),
          request.keyUsage(), region, new TreeSet<>(), false, LogicalKey.DEFAULT_ROTATION_PERIOD_DAYS,
          null, List.of(registry.materials().newVersion(1, now, false)), 0);
      RegionalKey local = RegionalKey.create(region, id, now, description, policy, tags,
          KeyState.ENABLED, null, null);
      return new LocalKeyRegistry.Outcome<>(s.with(shared).with(local),
          MetadataView.describe(registry.account(), shared, local));
    });
  }

  @Override
  public ReplicateKeyResult replicateKey(String keyId, Region replicaRegion, ReplicateKeyRequest request)
      throws KmsException {
    if (replicaRegion == null) {
      throw new KmsException(KmsError.VALIDATION, "ReplicaRegion is missing.");
    }
    ReplicateKeyRequest r = request == null ? ReplicateKeyRequest.DEFAULTS : request;
    String description = checkDescription(r.description());
    Map<String, String> tags = TagRules.merge(Map.of(), r.tags());
    String policy = r.policy() == null
        ? KeyPolicies.defaultPolicy(replicaRegion.partition(), registry.account())
        : KeyPolicies.check(r.policy());
    return registry.mutate((s, now) -> {
      Resolved k = resolve(s, keyId);
      requirePrimary(k, "ReplicateKey");
      StateRules.requireEnabled(k.local().state(), k.arn());
      if (replicaRegion.partition() != region.partition()) {
        throw new KmsException(KmsError.UNSUPPORTED_OPERATION, "Cannot replicate " + k.arn() + " into "
            + replicaRegion + ": multi-Region keys are replicated only within one partition ("
            + region.partition() + ").");
      }
      if (k.shared().isMember(replicaRegion)) {
        throw new KmsException(KmsError.ALREADY_EXISTS, "Key " + k.arn() + " already has a related key in "
            + replicaRegion + ".");
      }
      Duration delay = registry.replicationDelay();
      RegionalKey replica = delay.isZero()
          ? RegionalKey.create(replicaRegion, k.shared().id(), now, description, policy, tags,
              KeyState.ENABLED, null, null)
          : RegionalKey.create(replicaRegion, k.shared().id(), now, description, policy, tags,
              KeyState.CREATING, now.plus(delay), KeyState.ENABLED);
      SortedSet<Region> replicas = new TreeSet<>(k.shared().replicaRegions());
      replicas.add(replicaRegion);
      LogicalKey shared = k.shared().withMembership(k.shared().primaryRegion(), replicas);
      return new LocalKeyRegistry.Outcome<>(s.with(shared).with(replica), new ReplicateKeyResult(
          MetadataView.describe(registry.account(), shared, replica), policy, TagRules.asList(tags)));
    });
  }

  @Override
  public void updatePrimaryRegion(String keyId, Region primaryRegion) throws KmsException {
    if (primaryRegion == null) {
      throw new KmsException(KmsError.VALIDATION, "PrimaryRegion is missing.");
    }
    registry.mutate((s, now) -> {
      Resolved k = resolve(s, keyId);
      requirePrimary(k, "UpdatePrimaryRegion");
      if (primaryRegion.equals(region)) {
        throw new KmsException(KmsError.VALIDATION, k.arn() + " is already the primary key.");
      }
      RegionalKey replica = s.regional(primaryRegion, k.shared().id());
      if (replica == null) {
        throw new KmsException(KmsError.NOT_FOUND, "Key " + k.arn() + " has no replica in "
            + primaryRegion + ".");
      }
      StateRules.requireEnabled(k.local().state(), k.arn());
      StateRules.requireEnabled(replica.state(),
          Arn.forKey(primaryRegion, registry.account(), replica.id()).toString());
      SortedSet<Region> replicas = new TreeSet<>(k.shared().replicaRegions());
      replicas.remove(primaryRegion);
      replicas.add(region);
      Snapshot next = s.with(k.shared().withMembership(primaryRegion, replicas));
      Duration delay = registry.replicationDelay();
      if (!delay.isZero()) {
        next = next.with(k.local().inTransition(KeyState.UPDATING, now.plus(delay), KeyState.ENABLED))
            .with(replica.inTransition(KeyState.UPDATING, now.plus(delay), KeyState.ENABLED));
      }
      return new LocalKeyRegistry.Outcome<>(next, null);
    });
  }

  @Override
  public KeyMetadata describeKey(String keyId) throws KmsException {
    Resolved k = resolve(registry.current(), keyId);
    return MetadataView.describe(registry.account(), k.shared(), k.local());
  }

  @Override
  public List<KeyListEntry> listKeys() {
    List<KeyListEntry> out = new ArrayList<>();
    for (RegionalKey k : registry.current().regional().values()) {
      if (k.region().equals(region)) {
        out.add(new KeyListEntry(k.id(), Arn.forKey(region, registry.account(), k.id()).toString()));
      }
    }
    return List.copyOf(out);
  }

  @Override
  public void createAlias(String aliasName, String targetKeyId) throws KmsException {
    AliasOperations.create(this, aliasName, targetKeyId);
  }

  @Override
  public void updateAlias(String aliasName, String targetKeyId) throws KmsException {
    AliasOperations.update(this, aliasName, targetKeyId);
  }

  @Override
  public void deleteAlias(String aliasName) throws KmsException {
    AliasOperations.delete(this, aliasName);
  }

  @Override
  public List<AliasListEntry> listAliases(String keyId) throws KmsException {
    return AliasOperations.list(this, keyId);
  }

  /**
   * Enables the key in this Region. A primary whose automatic rotation fell due while it was not
   * usable rotates now, once, and every period after (KMS does not rotate disabled keys).
   */
  @Override
  public void enableKey(String keyId) throws KmsException {
    registry.mutate((s, now) -> {
      Resolved k = resolve(s, keyId);
      StateRules.requireSettled(k.local().state(), k.arn());
      Snapshot next = s.with(k.local().withState(KeyState.ENABLED, null, null));
      LogicalKey shared = k.shared();
      if (shared.primaryRegion().equals(region) && shared.rotationEnabled()
          && shared.nextRotationDate().isBefore(now)) {
        next = next.with(shared.withRotation(true, shared.rotationPeriodDays(), now));
      }
      return new LocalKeyRegistry.Outcome<>(next, null);
    });
  }

  @Override
  public void disableKey(String keyId) throws KmsException {
    changeLocal(keyId, k -> {
      StateRules.requireSettled(k.local().state(), k.arn());
      return k.local().withState(KeyState.DISABLED, null, null);
    });
  }

  @Override
  public void enableKeyRotation(String keyId, Integer rotationPeriodInDays) throws KmsException {
    int period = rotationPeriodInDays == null ? LogicalKey.DEFAULT_ROTATION_PERIOD_DAYS : rotationPeriodInDays;
    if (period < MIN_ROTATION_DAYS || period > MAX_ROTATION_DAYS) {
      throw new KmsException(KmsError.VALIDATION, "RotationPeriodInDays must be " + MIN_ROTATION_DAYS
          + " to " + MAX_ROTATION_DAYS + ", was " + period + ".");
    }
    changeShared(keyId, "EnableKeyRotation", (k, now) -> {
      Instant next = now.plus(Duration.ofDays(period));
      if (k.shared().rotationEnabled()) {
        Instant fromLast = k.shared().latest().createdAt().plus(Duration.ofDays(period));
        next = fromLast.isAfter(now) ? fromLast : now;
      }
      return k.shared().withRotation(true, period, next);
    });
  }

  @Override
  public void disableKeyRotation(String keyId) throws KmsException {
    changeShared(keyId, "DisableKeyRotation",
        (k, now) -> k.shared().withRotation(false, k.shared().rotationPeriodDays(), null));
  }

  @Override
  public KeyRotationStatus getKeyRotationStatus(String keyId) throws KmsException {
    Resolved k = resolve(registry.current(), keyId);
    StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
    LogicalKey shared = k.shared();
    return new KeyRotationStatus(shared.id(), k.arn(), shared.rotationEnabled(),
        shared.rotationEnabled() ? shared.rotationPeriodDays() : null, shared.nextRotationDate());
  }

  @Override
  public String rotateKeyOnDemand(String keyId) throws KmsException {
    return changeShared(keyId, "RotateKeyOnDemand", (k, now) -> {
      LogicalKey shared = k.shared();
      if (shared.onDemandRotations() >= MAX_ON_DEMAND_ROTATIONS) {
        throw new KmsException(KmsError.LIMIT_EXCEEDED, k.arn() + " has reached the limit of "
            + MAX_ON_DEMAND_ROTATIONS + " on-demand rotations.");
      }
      if (shared.rotationEnabled()
          && shared.nextRotationDate().isBefore(now.plus(ROTATION_CONFLICT_MARGIN))) {
        throw new KmsException(KmsError.CONFLICT, "An automatic rotation of " + k.arn()
            + " is due within " + ROTATION_CONFLICT_MARGIN.toMinutes() + " minutes.");
      }
      return shared.withVersion(registry.materials().newVersion(shared.versions().size() + 1, now, true),
          shared.nextRotationDate(), shared.onDemandRotations() + 1);
    }).id().value();
  }

  /** Completed rotations (versions after the first), oldest first, as ListKeyRotations reports them. */
  @Override
  public List<KeyRotation> listKeyRotations(String keyId) throws KmsException {
    Resolved k = resolve(registry.current(), keyId);
    StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
    List<KeyRotation> out = new ArrayList<>();
    for (var m : k.shared().versions().subList(1, k.shared().versions().size())) {
      out.add(new KeyRotation(k.shared().id(), m.materialId(), m.version(), m.createdAt(),
          m.onDemand() ? "ON_DEMAND" : "AUTOMATIC"));
    }
    return List.copyOf(out);
  }

  /** Returns the key ARN as KeyId, as KMS does. */
  @Override
  public ScheduleKeyDeletionResult scheduleKeyDeletion(String keyId, Integer pendingWindowInDays)
      throws KmsException {
    int window = pendingWindowInDays == null ? DEFAULT_WINDOW_DAYS : pendingWindowInDays;
    if (window < MIN_WINDOW_DAYS || window > MAX_WINDOW_DAYS) {
      throw new KmsException(KmsError.VALIDATION, "PendingWindowInDays must be " + MIN_WINDOW_DAYS
          + " to " + MAX_WINDOW_DAYS + ", was " + window + ".");
    }
    return registry.mutate((s, now) -> {
      Resolved k = resolve(s, keyId);
      StateRules.requireSettled(k.local().state(), k.arn());
      boolean primaryWithReplicas = k.shared().primaryRegion().equals(region)
          && !k.shared().replicaRegions().isEmpty();
      RegionalKey next = primaryWithReplicas
          ? k.local().withState(KeyState.PENDING_REPLICA_DELETION, null, window)
          : k.local().withState(KeyState.PENDING_DELETION, now.plus(Duration.ofDays(window)), window);
      return new LocalKeyRegistry.Outcome<>(s.with(next),
          new ScheduleKeyDeletionResult(k.arn(), next.deletionDate(), next.state(), window));
    });
  }

  /** Returns the key ARN as KeyId, as KMS does; the key is then {@code Disabled}. */
  @Override
  public String cancelKeyDeletion(String keyId) throws KmsException {
    return changeLocal(keyId, k -> {
      if (!k.local().pendingDeletion()) {
        throw StateRules.invalidState(k.local().state(), k.arn());
      }
      return k.local().withState(KeyState.DISABLED, null, null);
    }).arn();
  }

  @Override
  public void tagResource(String keyId, Collection<Tag> tags) throws KmsException {
    changeLocal(keyId, k -> {
      StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
      return k.local().withTags(new TreeMap<>(TagRules.merge(k.local().tags(), tags)));
    });
  }

  @Override
  public void untagResource(String keyId, Collection<String> tagKeys) throws KmsException {
    changeLocal(keyId, k -> {
      StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
      return k.local().withTags(new TreeMap<>(TagRules.remove(k.local().tags(), tagKeys)));
    });
  }

  @Override
  public List<Tag> listResourceTags(String keyId) throws KmsException {
    return TagRules.asList(resolve(registry.current(), keyId).local().tags());
  }

  @Override
  public void updateKeyDescription(String keyId, String description) throws KmsException {
    String checked = checkDescription(description);
    changeLocal(keyId, k -> {
      StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
      return k.local().withDescription(checked);
    });
  }

  @Override
  public void putKeyPolicy(String keyId, String policyName, String policy) throws KmsException {
    checkPolicyName(policyName);
    String checked = KeyPolicies.check(policy);
    changeLocal(keyId, k -> {
      StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
      return k.local().withPolicy(checked);
    });
  }

  @Override
  public String getKeyPolicy(String keyId, String policyName) throws KmsException {
    checkPolicyName(policyName);
    return resolve(registry.current(), keyId).local().policy();
  }

  @Override
  public CreateGrantResult createGrant(CreateGrantRequest request) throws KmsException {
    return GrantOperations.create(this, request);
  }

  @Override
  public List<GrantListEntry> listGrants(String keyId) throws KmsException {
    return GrantOperations.list(this, keyId);
  }

  @Override
  public void revokeGrant(String keyId, String grantId) throws KmsException {
    GrantOperations.revoke(this, keyId, grantId);
  }

  @Override
  public void retireGrant(String grantToken, String keyId, String grantId) throws KmsException {
    GrantOperations.retire(this, grantToken, keyId, grantId);
  }

  @Override
  public MrkKey keyHandle(String keyId) throws KmsException {
    Resolved k = resolve(registry.current(), keyId);
    return new MrkKeyHandle(new RegistryMaterialSource(registry, region, k.shared().id()));
  }

  @Override
  public String toString() {
    return "KmsClient[" + region + "]";
  }

  /** A change to this Region's copy of one key. */
  interface LocalChange {
    RegionalKey apply(Resolved key) throws KmsException;
  }

  Resolved changeLocal(String keyId, LocalChange change) throws KmsException {
    return registry.mutate((s, now) -> {
      Resolved k = resolve(s, keyId);
      RegionalKey next = change.apply(k);
      return new LocalKeyRegistry.Outcome<>(s.with(next), k);
    });
  }

  /** A change to the shared properties, allowed only through the primary (or a single-Region key). */
  interface SharedChange {
    LogicalKey apply(Resolved key, Instant now) throws KmsException;
  }

  private LogicalKey changeShared(String keyId, String operation, SharedChange change) throws KmsException {
    return registry.mutate((s, now) -> {
      Resolved k = resolve(s, keyId);
      if (!k.shared().primaryRegion().equals(region)) {
        throw replicaRefusal(k, operation);
      }
      StateRules.requireEnabled(k.local().state(), k.arn());
      LogicalKey next = change.apply(k, now);
      return new LocalKeyRegistry.Outcome<>(s.with(next), next);
    });
  }

  private void requirePrimary(Resolved k, String operation) throws KmsException {
    if (!k.shared().multiRegion()) {
      throw new KmsException(KmsError.UNSUPPORTED_OPERATION, operation + " is not supported on "
          + k.arn() + ": it is a single-Region key.");
    }
    if (!k.shared().primaryRegion().equals(region)) {
      throw replicaRefusal(k, operation);
    }
  }

  private static KmsException replicaRefusal(Resolved k, String operation) {
    return new KmsException(KmsError.UNSUPPORTED_OPERATION, operation + " is not supported on "
        + k.arn() + ": it is a replica key; call it on the primary key in "
        + k.shared().primaryRegion() + ".");
  }

  private static void requireSupported(String field, String value, String supported) throws KmsException {
    if (!supported.equals(value)) {
      throw new KmsException(KmsError.UNSUPPORTED_OPERATION, field + " " + KeyResolver.printable(value)
          + " is not supported: MRK keys are " + supported + ".");
    }
  }

  private static String checkDescription(String description) throws KmsException {
    String d = description == null ? "" : description;
    if (d.length() > MAX_DESCRIPTION) {
      throw new KmsException(KmsError.VALIDATION, "Description is longer than " + MAX_DESCRIPTION
          + " characters.");
    }
    return d;
  }

  private String policyOrDefault(String policy) throws KmsException {
    return policy == null
        ? KeyPolicies.defaultPolicy(region.partition(), registry.account())
        : KeyPolicies.check(policy);
  }

  private static void checkPolicyName(String policyName) throws KmsException {
    if (!"default".equals(policyName)) {
      throw new KmsException(KmsError.VALIDATION, "PolicyName must be 'default'.");
    }
  }
}
