package io.mrk.internal.registry;

import io.mrk.MrkKey;
import io.mrk.internal.key.KeyHandles;
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
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import io.mrk.kms.ReplicateKeyRequest;
import io.mrk.kms.ReplicateKeyResult;
import io.mrk.kms.ScheduleKeyDeletionResult;
import io.mrk.kms.Tag;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The KMS operations of one Region over a {@link LocalKeyRegistry}: a thin façade that checks the
 * request, records the call in the audit ({@link RegistryAudit}) and runs one pure transition under
 * the registry's writer lock ({@link LocalKeyRegistry#mutate}), or one query of the current snapshot.
 *
 * <p>The rules live in the transitions, each precondition in one place: {@link RequestRules} for
 * request parameters, {@link KeyTransitions}, {@link ReplicaTransitions}, {@link RotationTransitions},
 * {@link PropertyTransitions}, {@link AliasTransitions} and {@link GrantTransitions} for changes,
 * {@link KeyQueries} for reads. Authorisation is computed inside the transition from the same
 * snapshot it changes ({@link Actor}), so a policy changed concurrently cannot be bypassed.
 */
final class RegionClient implements KmsClient {

  private final LocalKeyRegistry registry;
  private final Region region;
  /** The principal ARN this client acts as, or {@code null} for the keystore holder (see {@link KeyAccess}). */
  private final String principal;
  /** The access key the caller signed with, for the audit trail's {@code userIdentity}; {@code null} in process. */
  private final String accessKeyId;

  RegionClient(LocalKeyRegistry registry, Region region, String principal) {
    this(registry, region, principal, null);
  }

  RegionClient(LocalKeyRegistry registry, Region region, String principal, String accessKeyId) {
    this.registry = registry;
    this.region = region;
    this.principal = principal;
    this.accessKeyId = accessKeyId;
  }

  @Override
  public Region region() {
    return region;
  }

  /** This client as the actor of a transition; the account is read now, since a follower may swap it. */
  private Actor actor() {
    return new Actor(region, registry.account(), principal);
  }

  private RegistryAudit audit(Region where) {
    return new RegistryAudit(registry, where,
        principal == null ? RegistryAccess.rootPrincipal(where, registry.account()) : principal, accessKeyId);
  }

  /** Runs {@code call} as the KMS operation {@code operation} and records it (or its refusal) in the audit. */
  private <T> T audited(String operation, String keyId, boolean readOnly, Map<String, Object> parameters,
                        RegistryAudit.Call<T> call) throws KmsException {
    return audit(region).call(operation, keyId, readOnly, parameters, call);
  }

  @Override
  public KeyMetadata createKey(CreateKeyRequest request) throws KmsException {
    return audited("CreateKey", null, false, RegistryAudit.createKeyParameters(request), () -> {
      if (request == null) {
        throw new KmsException(KmsError.VALIDATION, "CreateKey request is missing.");
      }
      RequestRules.requireSupported("KeySpec", request.keySpec(), CreateKeyRequest.SYMMETRIC_DEFAULT);
      RequestRules.requireSupported("KeyUsage", request.keyUsage(), CreateKeyRequest.ENCRYPT_DECRYPT);
      RequestRules.requireSupported("Origin", request.origin(), CreateKeyRequest.AWS_KMS);
      String description = RequestRules.description(request.description());
      Map<String, String> tags = TagRules.merge(Map.of(), request.tags());
      return registry.mutate((s, now) ->
          KeyTransitions.create(actor(), s, now, registry.materials(), request, description, tags));
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
      String description = RequestRules.description(r.description());
      Map<String, String> tags = TagRules.merge(Map.of(), r.tags());
      return registry.mutate((s, now) -> ReplicaTransitions.replicate(actor(), s, now,
          registry.replicationDelay(), keyId, replicaRegion, r, description, tags));
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
      return registry.mutate((s, now) -> ReplicaTransitions.updatePrimary(actor(), s, now,
          registry.replicationDelay(), keyId, primaryRegion));
    });
    audit(primaryRegion).succeeded("UpdatePrimaryRegion", primaryRegion,
        Arn.forKey(primaryRegion, registry.account(), id), parameters);
  }

  @Override
  public KeyMetadata describeKey(String keyId) throws KmsException {
    return audited("DescribeKey", keyId, true, null,
        () -> KeyQueries.describe(actor(), registry.current(), keyId));
  }

  @Override
  public List<KeyListEntry> listKeys() {
    try {
      return audited("ListKeys", null, true, null, () -> KeyQueries.listKeys(actor(), registry.current()));
    } catch (KmsException e) {
      throw new IllegalStateException("ListKeys cannot be refused", e);
    }
  }

  @Override
  public void createAlias(String aliasName, String targetKeyId) throws KmsException {
    audited("CreateAlias", targetKeyId, false, Map.of("aliasName", String.valueOf(aliasName)), () -> {
      AliasLocation alias = AliasTransitions.customerAlias(region, aliasName);
      AliasTransitions.requireKeyTarget(targetKeyId);
      return registry.mutate((s, now) -> AliasTransitions.create(actor(), s, now, alias, targetKeyId));
    });
  }

  @Override
  public void updateAlias(String aliasName, String targetKeyId) throws KmsException {
    audited("UpdateAlias", targetKeyId, false, Map.of("aliasName", String.valueOf(aliasName)), () -> {
      AliasLocation alias = AliasTransitions.customerAlias(region, aliasName);
      AliasTransitions.requireKeyTarget(targetKeyId);
      return registry.mutate((s, now) -> AliasTransitions.update(actor(), s, now, alias, targetKeyId));
    });
  }

  @Override
  public void deleteAlias(String aliasName) throws KmsException {
    audited("DeleteAlias", null, false, Map.of("aliasName", String.valueOf(aliasName)), () -> {
      AliasLocation alias = AliasTransitions.customerAlias(region, aliasName);
      return registry.mutate((s, now) -> AliasTransitions.delete(actor(), s, alias));
    });
  }

  @Override
  public List<AliasListEntry> listAliases(String keyId) throws KmsException {
    return audited("ListAliases", keyId, true, null, () -> KeyQueries.aliases(actor(), registry.current(), keyId));
  }

  @Override
  public void enableKey(String keyId) throws KmsException {
    audited("EnableKey", keyId, false, null,
        () -> registry.mutate((s, now) -> KeyTransitions.enable(actor(), s, now, keyId)));
  }

  @Override
  public void disableKey(String keyId) throws KmsException {
    audited("DisableKey", keyId, false, null,
        () -> registry.mutate((s, now) -> KeyTransitions.disable(actor(), s, keyId)));
  }

  @Override
  public void enableKeyRotation(String keyId, Integer rotationPeriodInDays) throws KmsException {
    Map<String, Object> parameters = rotationPeriodInDays == null ? null
        : Map.of("rotationPeriodInDays", rotationPeriodInDays);
    audited("EnableKeyRotation", keyId, false, parameters, () -> {
      int period = RequestRules.rotationPeriod(rotationPeriodInDays);
      return registry.mutate((s, now) -> RotationTransitions.enable(actor(), s, now, keyId, period));
    });
  }

  @Override
  public void disableKeyRotation(String keyId) throws KmsException {
    audited("DisableKeyRotation", keyId, false, null,
        () -> registry.mutate((s, now) -> RotationTransitions.disable(actor(), s, now, keyId)));
  }

  @Override
  public KeyRotationStatus getKeyRotationStatus(String keyId) throws KmsException {
    return audited("GetKeyRotationStatus", keyId, true, null,
        () -> KeyQueries.rotationStatus(actor(), registry.current(), keyId));
  }

  @Override
  public String rotateKeyOnDemand(String keyId) throws KmsException {
    return audited("RotateKeyOnDemand", keyId, false, null, () -> registry.mutate((s, now) ->
        RotationTransitions.rotateOnDemand(actor(), s, now, registry.materials(), keyId)).id().value());
  }

  @Override
  public List<KeyRotation> listKeyRotations(String keyId) throws KmsException {
    return audited("ListKeyRotations", keyId, true, null,
        () -> KeyQueries.rotations(actor(), registry.current(), keyId));
  }

  /** Returns the key ARN as KeyId, as KMS does. */
  @Override
  public ScheduleKeyDeletionResult scheduleKeyDeletion(String keyId, Integer pendingWindowInDays)
      throws KmsException {
    Map<String, Object> parameters = pendingWindowInDays == null ? null
        : Map.of("pendingWindowInDays", pendingWindowInDays);
    return audited("ScheduleKeyDeletion", keyId, false, parameters, () -> {
      int window = RequestRules.pendingWindow(pendingWindowInDays);
      return registry.mutate((s, now) -> KeyTransitions.scheduleDeletion(actor(), s, now, keyId, window));
    });
  }

  /** Returns the key ARN as KeyId, as KMS does; the key is then {@code Disabled}. */
  @Override
  public String cancelKeyDeletion(String keyId) throws KmsException {
    return audited("CancelKeyDeletion", keyId, false, null,
        () -> registry.mutate((s, now) -> KeyTransitions.cancelDeletion(actor(), s, keyId)).arn());
  }

  @Override
  public void tagResource(String keyId, Collection<Tag> tags) throws KmsException {
    audited("TagResource", keyId, false, null,
        () -> registry.mutate((s, now) -> PropertyTransitions.tag(actor(), s, keyId, tags)));
  }

  @Override
  public void untagResource(String keyId, Collection<String> tagKeys) throws KmsException {
    audited("UntagResource", keyId, false, null,
        () -> registry.mutate((s, now) -> PropertyTransitions.untag(actor(), s, keyId, tagKeys)));
  }

  @Override
  public List<Tag> listResourceTags(String keyId) throws KmsException {
    return audited("ListResourceTags", keyId, true, null, () -> KeyQueries.tags(actor(), registry.current(), keyId));
  }

  @Override
  public void updateKeyDescription(String keyId, String description) throws KmsException {
    audited("UpdateKeyDescription", keyId, false, null, () -> {
      String checked = RequestRules.description(description);
      return registry.mutate((s, now) -> PropertyTransitions.describe(actor(), s, keyId, checked));
    });
  }

  @Override
  public void putKeyPolicy(String keyId, String policyName, String policy) throws KmsException {
    audited("PutKeyPolicy", keyId, false, Map.of("policyName", String.valueOf(policyName)), () -> {
      RequestRules.requirePolicyName(policyName);
      return registry.mutate((s, now) -> PropertyTransitions.putPolicy(actor(), s, keyId, policy));
    });
  }

  @Override
  public String getKeyPolicy(String keyId, String policyName) throws KmsException {
    return audited("GetKeyPolicy", keyId, true, Map.of("policyName", String.valueOf(policyName)), () -> {
      RequestRules.requirePolicyName(policyName);
      return KeyQueries.policy(actor(), registry.current(), keyId);
    });
  }

  @Override
  public CreateGrantResult createGrant(CreateGrantRequest request) throws KmsException {
    return audited("CreateGrant", request == null ? null : request.keyId(), false,
        RegistryAudit.createGrantParameters(request), () -> {
          GrantTransitions.checkRequest(request);
          return registry.mutate((s, now) ->
              GrantTransitions.create(actor(), s, now, registry.materials(), request));
        });
  }

  @Override
  public List<GrantListEntry> listGrants(String keyId) throws KmsException {
    return audited("ListGrants", keyId, true, null, () -> KeyQueries.grants(actor(), registry.current(), keyId));
  }

  @Override
  public void revokeGrant(String keyId, String grantId) throws KmsException {
    audited("RevokeGrant", keyId, false, Map.of("grantId", String.valueOf(grantId)), () -> {
      GrantTransitions.requireGrantId(grantId);
      return registry.mutate((s, now) -> GrantTransitions.remove(actor(), s, keyId, grantId, "kms:RevokeGrant"));
    });
  }

  /**
   * Retires by token (searched among this Region's keys; the token is the capability, so no policy
   * is consulted), or by key and grant id ({@code kms:RetireGrant} on the key).
   */
  @Override
  public void retireGrant(String grantToken, String keyId, String grantId) throws KmsException {
    audited("RetireGrant", keyId, false, grantId == null ? null : Map.of("grantId", grantId), () -> {
      GrantTransitions.requireRetireTarget(grantToken, keyId, grantId);
      if (grantToken != null) {
        return registry.mutate((s, now) -> GrantTransitions.retireByToken(region, s, grantToken));
      }
      GrantTransitions.requireGrantId(grantId);
      return registry.mutate((s, now) -> GrantTransitions.remove(actor(), s, keyId, grantId, "kms:RetireGrant"));
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
    ResolvedKey k = actor().resolve(registry.current(), keyId);
    return KeyHandles.of(new RegistryMaterialSource(registry, region, k.shared().id(), principal, accessKeyId,
        context));
  }

  @Override
  public String toString() {
    return "KmsClient[" + region + "]";
  }
}
