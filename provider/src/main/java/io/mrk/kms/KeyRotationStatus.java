package io.mrk.kms;

import java.time.Instant;

/**
 * GetKeyRotationStatus's answer. Rotation settings are shared: every related key reports the
 * primary's.
 *
 * @param rotationPeriodInDays {@code null} when rotation is disabled
 * @param nextRotationDate {@code null} when rotation is disabled
 */
public record KeyRotationStatus(KeyId keyId, String keyArn, boolean keyRotationEnabled,
                                Integer rotationPeriodInDays, Instant nextRotationDate) {}
