package io.mrk.kms;

import java.time.Instant;

/**
 * ScheduleKeyDeletion's answer.
 *
 * @param deletionDate {@code null} for a primary in {@code PendingReplicaDeletion}: its window starts
 *     only when its last replica is deleted
 */
public record ScheduleKeyDeletionResult(String keyId, Instant deletionDate, KeyState keyState,
                                        int pendingWindowInDays) {}
