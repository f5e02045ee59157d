package io.mrk.internal.registry;

import io.mrk.MrkKey;
import io.mrk.internal.key.MrkKeyHandle;
import io.mrk.internal.policy.PolicyDocument;
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
import io.mrk.kms.KmsQuotas;
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
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The KMS operations of one Region over a {@link LocalKeyRegistry}. Key lifecycle, rotation,
 * deletion, tags, description and policy live here; aliases and grants in {@link AliasOperations}
 * and {@link GrantOperations}.
 */
final class RegionClient implements KmsClient {

  static final int MAX_DESCRIPTION = KmsQuotas.MAX_DESCRIPTION_CHARS;
  static final int MIN_ROTATION_DAYS = 90;
  static final int MAX_ROTATION_DAYS = 2560;
  static final int MIN_WINDOW_DAYS = 7;
  static final int MAX_WINDOW_DAYS = 30;
  static final int DEFAULT_WINDOW_DAYS = 30;
  static final int MAX_ON_DEMAND_ROTATIONS = KmsQuotas.MAX_ON_DEMAND_ROTATIONS;
  static final Duration ROTATION_CONFLICT_MARGIN = Duration.ofMinutes(20);

  private final LocalKeyRegistry registry;
  private final Region region;
  /** The principal ARN this client acts as, or {@code null} for the keystore holder (see {@link KeyAccess}). */
  private final String principal;

  RegionClient(LocalKeyRegistry registry, Region region, String principal) {
    this.registry = registry;
    this.region = region;
    this.principal = principal;
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

  /** Resolves {@code keyId} and checks this Region's policy and grants allow {@code action} on it. */
  Resolved authorize(Snapshot s, String keyId, String action) throws KmsException {
    Resolved k = resolve(s, keyId);
    KeyAccess.require(principal, action, Arn.forKey(region, registry.account(), k.local().id()), k.local(),
        Map.of());
    return k;
  }

  private RegistryAudit audit(Region where) {
    return new RegistryAudit(registry, where,
        principal == null ? RegistryAccess.rootPrincipal(where, registry.account()) : principal);
  }

  /** Runs {@code call} as the KMS operation {@code operation} and records it (or its refusal) in the audit. */
  <T> T audited(String operation, String keyId, boolean readOnly, Map<String, Object> parameters,
                RegistryAudit.Call<T> call) throws KmsException {
    return audit(region).call(operation, keyId, readOnly, parameters, call);
  }

  LocalKeyRegistry registry() {
    return registry;
  }

  @Override
  public KeyMetadata createKey(CreateKeyRequest request) throws KmsException {
    return audited("CreateKey", null, false, RegistryAudit.createKeyParameters(request), () -> {
      if (request == null) {
        throw new KmsException(KmsError.VALIDATION, "CreateKey request is missing.");
      }
      requireSupported("KeySpec", request.keySpec(), CreateKeyRequest.SYMMETRIC_DEFAULT);
      requireSupported("KeyUsage", request.keyUsage(), CreateKeyRequest.ENCRYPT_DECRYPT);
      requireSupported("Origin", request.origin(), CreateKeyRequest.AWS_KMS);
      String description = checkDescription(request.description());
      Map<String, String> tags = TagRules.merge(Map.of(), request.tags());
      return registry.mutate((s, now) -> {
        QuotaRules.requireRoomForKey(s, region);
        KeyId id;
        do {
          id = request.multiRegion()
              ? KeyId.newMultiRegion(registry.materials().random())
              : KeyId.newSingleRegion(registry.materials().random());
        } while (s.key(id) != null);
        PolicyDocument policy = KeyPolicies.orDefault(request.policy(), Arn.forKey(region, registry.account(), id),
            registry.account());
        if (request.policy() != null) {
          KeyAccess.requireNoLockout(principal, policy);
        }
        LogicalKey shared = new LogicalKey(id, request.multiRegion(), request.origin(), request.keySpec(),
            request.keyUsage(), region, new TreeSet<>(), false, LogicalKey.DEFAULT_ROTATION_PERIOD_DAYS,
            null, List.of(registry.materials().newVersion(1, now, false)), 0);
        RegionalKey local = RegionalKey.create(region, id, now, description, policy, tags,
            KeyState.ENABLED, null, null);
        return new LocalKeyRegistry.Outcome<>(s.with(shared).with(local),
            MetadataView.describe(registry.account(), shared, local));
      });
    });
  }

  @Override
  public ReplicateKeyResult replicateKey(String keyId, Region replicaRegion, ReplicateKeyRequest request)
      throws KmsException {
    Map<String, Object> parameters = replicaRegion == null ? null : Map.of("replicaRegion", replicaRegion.code());
    ReplicateKeyResult result = audited("ReplicateKey", keyId, false, parameters, () -> {
      if (replicaRegion == null) {
        throw new KmsException(KmsError.VALIDATION, "ReplicaRegion is missing.");
      }
      ReplicateKeyRequest r = request == null ? ReplicateKeyRequest.DEFAULTS : request;
      String description = checkDescription(r.description());
      Map<String, String> tags = TagRules.merge(Map.of(), r.tags());
      return registry.mutate((s, now) -> {
        Resolved k = authorize(s, keyId, "kms:ReplicateKey");
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
        QuotaRules.requireRoomForKey(s, replicaRegion);
        PolicyDocument policy = KeyPolicies.orDefault(r.policy(),
            Arn.forKey(replicaRegion, registry.account(), k.shared().id()), registry.account());
        if (r.policy() != null) {
          KeyAccess.requireNoLockout(principal, policy);
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
            MetadataView.describe(registry.account(), shared, replica), policy.text(), TagRules.asList(tags)));
      });
    });
    audit(replicaRegion).succeeded("CreateKey", replicaRegion,
        Arn.parse(result.replicaKeyMetadata().arn()), Map.of("multiRegion", true, "replicatedFrom", keyId));
    return result;
  }

  @Override
  public void updatePrimaryRegion(String keyId, Region primaryRegion) throws KmsException {
    Map<String, Object> parameters = primaryRegion == null ? null : Map.of("primaryRegion", primaryRegion.code());
    KeyId id = audited("UpdatePrimaryRegion", keyId, false, parameters, () -> {
      if (primaryRegion == null) {
        throw new KmsException(KmsError.VALIDATION, "PrimaryRegion is missing.");
      }
      return registry.mutate((s, now) -> {
        Resolved k = authorize(s, keyId, "kms:UpdatePrimaryRegion");
        requirePrimary(k, "UpdatePrimaryRegion");
        if (primaryRegion.equals(region)) {
          throw new KmsException(KmsError.VALIDATION, k.arn() + " is already the primary key.");
        }
        RegionalKey replica = s.regional(primaryRegion, k.shared().id());
        if (replica == null) {
          throw new KmsException(KmsError.NOT_FOUND, "Key " + k.arn() + " has no replica in "
              + primaryRegion + ".");
        }
        KeyAccess.require(principal, "kms:UpdatePrimaryRegion",
            Arn.forKey(primaryRegion, registry.account(), replica.id()), replica, Map.of());
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
        return new LocalKeyRegistry.Outcome<>(next, k.shared().id());
      });
    });
    audit(primaryRegion).succeeded("UpdatePrimaryRegion", primaryRegion,
        Arn.forKey(primaryRegion, registry.account(), id), parameters);
  }

  @Override
  public KeyMetadata describeKey(String keyId) throws KmsException {
    return audited("DescribeKey", keyId, true, null, () -> {
      Resolved k = authorize(registry.current(), keyId, "kms:DescribeKey");
      return MetadataView.describe(registry.account(), k.shared(), k.local());
    });
  }

  @Override
  public List<KeyListEntry> listKeys() {
    try {
      return audited("ListKeys", null, true, null, () -> {
        List<KeyListEntry> out = new ArrayList<>();
        for (RegionalKey k : registry.current().regional().values()) {
          if (k.region().equals(region)) {
            out.add(new KeyListEntry(k.id(), Arn.forKey(region, registry.account(), k.id()).toString()));
          }
        }
        return List.copyOf(out);
      });
    } catch (KmsException e) {
      throw new IllegalStateException("ListKeys cannot be refused", e);
    }
  }

  @Override
  public void createAlias(String aliasName, String targetKeyId) throws KmsException {
    audited("CreateAlias", targetKeyId, false, Map.of("aliasName", String.valueOf(aliasName)), () -> {
      AliasOperations.create(this, aliasName, targetKeyId);
      return null;
    });
  }

  @Override
  public void updateAlias(String aliasName, String targetKeyId) throws KmsException {
    audited("UpdateAlias", targetKeyId, false, Map.of("aliasName", String.valueOf(aliasName)), () -> {
      AliasOperations.update(this, aliasName, targetKeyId);
      return null;
    });
  }

  @Override
  public void deleteAlias(String aliasName) throws KmsException {
    audited("DeleteAlias", null, false, Map.of("aliasName", String.valueOf(aliasName)), () -> {
      AliasOperations.delete(this, aliasName);
      return null;
    });
  }

  @Override
  public List<AliasListEntry> listAliases(String keyId) throws KmsException {
    return audited("ListAliases", keyId, true, null, () -> AliasOperations.list(this, keyId));
  }

  /**
   * Enables the key in this Region. A primary whose automatic rotation fell due while it was not
   * usable rotates now, once, and every period after (KMS does not rotate disabled keys).
   */
  @Override
  public void enableKey(String keyId) throws KmsException {
    audited("EnableKey", keyId, false, null, () -> {
      registry.mutate((s, now) -> {
        Resolved k = authorize(s, keyId, "kms:EnableKey");
        StateRules.requireSettled(k.local().state(), k.arn());
        Snapshot next = s.with(k.local().withState(KeyState.ENABLED, null, null));
        LogicalKey shared = k.shared();
        if (shared.primaryRegion().equals(region) && shared.rotationEnabled()
            && shared.nextRotationDate().isBefore(now)) {
          next = next.with(shared.withRotation(true, shared.rotationPeriodDays(), now));
        }
        return new LocalKeyRegistry.Outcome<>(next, null);
      });
      return null;
    });
  }

  @Override
  public void disableKey(String keyId) throws KmsException {
    audited("DisableKey", keyId, false, null, () -> {
      changeLocal(keyId, "kms:DisableKey", k -> {
        StateRules.requireSettled(k.local().state(), k.arn());
        return k.local().withState(KeyState.DISABLED, null, null);
      });
      return null;
    });
  }

  @Override
  public void enableKeyRotation(String keyId, Integer rotationPeriodInDays) throws KmsException {
    Map<String, Object> parameters = rotationPeriodInDays == null ? null
        : Map.of("rotationPeriodInDays", rotationPeriodInDays);
    audited("EnableKeyRotation", keyId, false, parameters, () -> {
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
      return null;
    });
  }

  @Override
  public void disableKeyRotation(String keyId) throws KmsException {
    audited("DisableKeyRotation", keyId, false, null, () -> {
      changeShared(keyId, "DisableKeyRotation",
          (k, now) -> k.shared().withRotation(false, k.shared().rotationPeriodDays(), null));
      return null;
    });
  }

  @Override
  public KeyRotationStatus getKeyRotationStatus(String keyId) throws KmsException {
    return audited("GetKeyRotationStatus", keyId, true, null, () -> {
      Resolved k = authorize(registry.current(), keyId, "kms:GetKeyRotationStatus");
      StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
      LogicalKey shared = k.shared();
      return new KeyRotationStatus(shared.id(), k.arn(), shared.rotationEnabled(),
          shared.rotationEnabled() ? shared.rotationPeriodDays() : null, shared.nextRotationDate());
    });
  }

  @Override
  public String rotateKeyOnDemand(String keyId) throws KmsException {
    return audited("RotateKeyOnDemand", keyId, false, null, () -> {
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
    });
  }

  /** Completed rotations (versions after the first), oldest first, as ListKeyRotations reports them. */
  @Override
  public List<KeyRotation> listKeyRotations(String keyId) throws KmsException {
    return audited("ListKeyRotations", keyId, true, null, () -> {
      Resolved k = authorize(registry.current(), keyId, "kms:ListKeyRotations");
      StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
      List<KeyRotation> out = new ArrayList<>();
      for (var m : k.shared().versions().subList(1, k.shared().versions().size())) {
        out.add(new KeyRotation(k.shared().id(), m.materialId(), m.version(), m.createdAt(),
            m.onDemand() ? "ON_DEMAND" : "AUTOMATIC"));
      }
      return List.copyOf(out);
    });
  }

  /** Returns the key ARN as KeyId, as KMS does. */
  @Override
  public ScheduleKeyDeletionResult scheduleKeyDeletion(String keyId, Integer pendingWindowInDays)
      throws KmsException {
    Map<String, Object> parameters = pendingWindowInDays == null ? null
        : Map.of("pendingWindowInDays", pendingWindowInDays);
    return audited("ScheduleKeyDeletion", keyId, false, parameters, () -> {
      int window = pendingWindowInDays == null ? DEFAULT_WINDOW_DAYS : pendingWindowInDays;
      if (window < MIN_WINDOW_DAYS || window > MAX_WINDOW_DAYS) {
        throw new KmsException(KmsError.VALIDATION, "PendingWindowInDays must be " + MIN_WINDOW_DAYS
            + " to " + MAX_WINDOW_DAYS + ", was " + window + ".");
      }
      return registry.mutate((s, now) -> {
        Resolved k = authorize(s, keyId, "kms:ScheduleKeyDeletion");
        StateRules.requireSettled(k.local().state(), k.arn());
        boolean primaryWithReplicas = k.shared().primaryRegion().equals(region)
            && !k.shared().replicaRegions().isEmpty();
        RegionalKey next = primaryWithReplicas
            ? k.local().withState(KeyState.PENDING_REPLICA_DELETION, null, window)
            : k.local().withState(KeyState.PENDING_DELETION, now.plus(Duration.ofDays(window)), window);
        return new LocalKeyRegistry.Outcome<>(s.with(next),
            new ScheduleKeyDeletionResult(k.arn(), next.deletionDate(), next.state(), window));
      });
    });
  }

  /** Returns the key ARN as KeyId, as KMS does; the key is then {@code Disabled}. */
  @Override
  public String cancelKeyDeletion(String keyId) throws KmsException {
    return audited("CancelKeyDeletion", keyId, false, null, () -> {
      return changeLocal(keyId, "kms:CancelKeyDeletion", k -> {
        if (!k.local().pendingDeletion()) {
          throw StateRules.invalidState(k.local().state(), k.arn());
        }
        return k.local().withState(KeyState.DISABLED, null, null);
      }).arn();
    });
  }

  @Override
  public void tagResource(String keyId, Collection<Tag> tags) throws KmsException {
    audited("TagResource", keyId, false, null, () -> {
      changeLocal(keyId, "kms:TagResource", k -> {
        StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
        return k.local().withTags(new TreeMap<>(TagRules.merge(k.local().tags(), tags)));
      });
      return null;
    });
  }

  @Override
  public void untagResource(String keyId, Collection<String> tagKeys) throws KmsException {
    audited("UntagResource", keyId, false, null, () -> {
      changeLocal(keyId, "kms:UntagResource", k -> {
        StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
        return k.local().withTags(new TreeMap<>(TagRules.remove(k.local().tags(), tagKeys)));
      });
      return null;
    });
  }

  @Override
  public List<Tag> listResourceTags(String keyId) throws KmsException {
    return audited("ListResourceTags", keyId, true, null, () -> {
      return TagRules.asList(authorize(registry.current(), keyId, "kms:ListResourceTags").local().tags());
    });
  }

  @Override
  public void updateKeyDescription(String keyId, String description) throws KmsException {
    audited("UpdateKeyDescription", keyId, false, null, () -> {
      String checked = checkDescription(description);
      changeLocal(keyId, "kms:UpdateKeyDescription", k -> {
        StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
        return k.local().withDescription(checked);
      });
      return null;
    });
  }

  @Override
  public void putKeyPolicy(String keyId, String policyName, String policy) throws KmsException {
    audited("PutKeyPolicy", keyId, false, Map.of("policyName", String.valueOf(policyName)), () -> {
      checkPolicyName(policyName);
      changeLocal(keyId, "kms:PutKeyPolicy", k -> {
        StateRules.requireNotPendingDeletion(k.local().state(), k.arn());
        PolicyDocument checked = PolicyDocument.parse(policy, Arn.parse(k.arn()));
        KeyAccess.requireNoLockout(principal, checked);
        return k.local().withPolicy(checked);
      });
      return null;
    });
  }

  @Override
  public String getKeyPolicy(String keyId, String policyName) throws KmsException {
    return audited("GetKeyPolicy", keyId, true, Map.of("policyName", String.valueOf(policyName)), () -> {
      checkPolicyName(policyName);
      return authorize(registry.current(), keyId, "kms:GetKeyPolicy").local().policy().text();
    });
  }

  @Override
  public CreateGrantResult createGrant(CreateGrantRequest request) throws KmsException {
    return audited("CreateGrant", request == null ? null : request.keyId(), false,
        RegistryAudit.createGrantParameters(request), () -> GrantOperations.create(this, request));
  }

  @Override
  public List<GrantListEntry> listGrants(String keyId) throws KmsException {
    return audited("ListGrants", keyId, true, null, () -> GrantOperations.list(this, keyId));
  }

  @Override
  public void revokeGrant(String keyId, String grantId) throws KmsException {
    audited("RevokeGrant", keyId, false, Map.of("grantId", String.valueOf(grantId)), () -> {
      GrantOperations.revoke(this, keyId, grantId);
      return null;
    });
  }

  @Override
  public void retireGrant(String grantToken, String keyId, String grantId) throws KmsException {
    audited("RetireGrant", keyId, false, grantId == null ? null : Map.of("grantId", grantId), () -> {
      GrantOperations.retire(this, grantToken, keyId, grantId);
      return null;
    });
  }

  @Override
  public MrkKey keyHandle(String keyId) throws KmsException {
    return handle(keyId, null);
  }

  @Override
  public MrkKey keyHandle(String keyId, Map<String, String> encryptionContext) throws KmsException {
    return handle(keyId, Objects.requireNonNull(encryptionContext, "encryptionContext"));
  }

  /**
   * A handle acting as this client's principal; {@code context} is the encryption context its user
   * will supply, against which policies and grant constraints are evaluated at each init, or
   * {@code null} when unknown.
   */
  private MrkKey handle(String keyId, Map<String, String> context) throws KmsException {
    Resolved k = resolve(registry.current(), keyId);
    return new MrkKeyHandle(
        new RegistryMaterialSource(registry, region, k.shared().id(), principal, context));
  }

  @Override
  public String toString() {
    return "KmsClient[" + region + "]";
  }

  /** A change to this Region's copy of one key. */
  interface LocalChange {
    RegionalKey apply(Resolved key) throws KmsException;
  }

  Resolved changeLocal(String keyId, String action, LocalChange change) throws KmsException {
    return registry.mutate((s, now) -> {
      Resolved k = authorize(s, keyId, action);
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
      Resolved k = authorize(s, keyId, "kms:" + operation);
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
    if (!KmsQuotas.isStorable(d)) {
      throw new KmsException(KmsError.VALIDATION,
          "Description contains an unpaired surrogate (not valid Unicode text).");
    }
    return d;
  }

  private static void checkPolicyName(String policyName) throws KmsException {
    if (!"default".equals(policyName)) {
      throw new KmsException(KmsError.VALIDATION, "PolicyName must be 'default'.");
    }
  }
}
