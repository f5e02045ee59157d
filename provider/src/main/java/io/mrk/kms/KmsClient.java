package io.mrk.kms;

import io.mrk.MrkKey;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The KMS operations against one Region of a {@link KeyRegistry}, named as the KMS API names them.
 *
 * <p>Every {@code keyId} parameter accepts what KMS accepts: a key id, a key ARN, an alias name
 * ({@code alias/orders}) or an alias ARN, resolved in this client's Region. An ARN of another
 * Region or account is {@code NotFoundException}, as in KMS.
 *
 * <p>Every method either completes or throws {@link KmsException} and leaves the registry exactly as
 * it was. Results are immutable values.
 */
public interface KmsClient {

  /** The Region this client acts in. */
  Region region();

  KeyMetadata createKey(CreateKeyRequest request) throws KmsException;

  /** Replicates the primary {@code keyId} (in this Region) into {@code replicaRegion}. */
  ReplicateKeyResult replicateKey(String keyId, Region replicaRegion, ReplicateKeyRequest request)
      throws KmsException;

  /** Makes the related key in {@code primaryRegion} the primary; this Region's key must be the primary. */
  void updatePrimaryRegion(String keyId, Region primaryRegion) throws KmsException;

  KeyMetadata describeKey(String keyId) throws KmsException;

  /** Every key in this Region, including keys pending deletion, ordered by key id. */
  List<KeyListEntry> listKeys() throws KmsException;

  void createAlias(String aliasName, String targetKeyId) throws KmsException;

  void updateAlias(String aliasName, String targetKeyId) throws KmsException;

  void deleteAlias(String aliasName) throws KmsException;

  /** Aliases in this Region, all of them or ({@code keyId} non-null) those of one key. */
  List<AliasListEntry> listAliases(String keyId) throws KmsException;

  void enableKey(String keyId) throws KmsException;

  void disableKey(String keyId) throws KmsException;

  /** @param rotationPeriodInDays 90..2560, or {@code null} for the default (365) */
  void enableKeyRotation(String keyId, Integer rotationPeriodInDays) throws KmsException;

  void disableKeyRotation(String keyId) throws KmsException;

  KeyRotationStatus getKeyRotationStatus(String keyId) throws KmsException;

  /** Rotates now; returns the key id. */
  String rotateKeyOnDemand(String keyId) throws KmsException;

  List<KeyRotation> listKeyRotations(String keyId) throws KmsException;

  /** @param pendingWindowInDays 7..30, or {@code null} for the default (30) */
  ScheduleKeyDeletionResult scheduleKeyDeletion(String keyId, Integer pendingWindowInDays) throws KmsException;

  /** Returns the key id; the key is then {@code Disabled}. */
  String cancelKeyDeletion(String keyId) throws KmsException;

  void tagResource(String keyId, Collection<Tag> tags) throws KmsException;

  void untagResource(String keyId, Collection<String> tagKeys) throws KmsException;

  /** Tags ordered by key. */
  List<Tag> listResourceTags(String keyId) throws KmsException;

  void updateKeyDescription(String keyId, String description) throws KmsException;

  /** @param policyName only {@code default} exists, as in KMS */
  void putKeyPolicy(String keyId, String policyName, String policy) throws KmsException;

  String getKeyPolicy(String keyId, String policyName) throws KmsException;

  CreateGrantResult createGrant(CreateGrantRequest request) throws KmsException;

  List<GrantListEntry> listGrants(String keyId) throws KmsException;

  void revokeGrant(String keyId, String grantId) throws KmsException;

  /** Retires by token, or by key and grant id when {@code grantToken} is {@code null}. */
  void retireGrant(String grantToken, String keyId, String grantId) throws KmsException;

  /**
   * A JCA key handle for {@code keyId} in this Region, usable with
   * {@code Cipher.getInstance("AES/GCM/NoPadding")}. The handle follows the registry: state changes
   * apply at the next {@code Cipher.init}.
   */
  MrkKey keyHandle(String keyId) throws KmsException;

  /**
   * A JCA key handle for {@code keyId} in this Region, as {@link #keyHandle(String)}, for a user who
   * will supply {@code encryptionContext}: at every {@code Cipher.init} the key policy and the grants
   * (their encryption-context constraints and {@code kms:EncryptionContext:} conditions) are evaluated
   * with this context, since the cipher does not know the context at init. The context the cipher is
   * then given is still bound to the ciphertext as AAD; this one only decides authorisation.
   *
   * @param encryptionContext the context; empty for none
   */
  MrkKey keyHandle(String keyId, Map<String, String> encryptionContext) throws KmsException;
}
