package io.mrk.kms;

import java.time.Instant;

/**
 * One row of ListKeyRotations: a material version made by rotation (the original material is not
 * listed, as in KMS).
 *
 * @param rotationType {@code AUTOMATIC} or {@code ON_DEMAND}
 */
public record KeyRotation(KeyId keyId, String keyMaterialId, int materialVersion, Instant rotationDate,
                          String rotationType) {}
