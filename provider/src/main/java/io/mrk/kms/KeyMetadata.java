package io.mrk.kms;

import java.time.Instant;
import java.util.List;

/**
 * What DescribeKey returns for a key in one Region, named as KMS names it.
 *
 * @param deletionDate when the key will be deleted; {@code null} unless pending deletion (and for a
 *     primary in {@code PendingReplicaDeletion}, {@code null} until its last replica is deleted)
 * @param pendingDeletionWindowInDays the window given to ScheduleKeyDeletion, {@code null} otherwise
 * @param multiRegionConfiguration {@code null} for a single-Region key
 */
public record KeyMetadata(
    String awsAccountId,
    KeyId keyId,
    String arn,
    Region region,
    Instant creationDate,
    boolean enabled,
    String description,
    String keyUsage,
    KeyState keyState,
    Instant deletionDate,
    Integer pendingDeletionWindowInDays,
    String origin,
    String keyManager,
    String keySpec,
    List<String> encryptionAlgorithms,
    boolean multiRegion,
    MultiRegionConfiguration multiRegionConfiguration,
    String currentKeyMaterialId) {

  public KeyMetadata {
    encryptionAlgorithms = List.copyOf(encryptionAlgorithms);
  }
}
