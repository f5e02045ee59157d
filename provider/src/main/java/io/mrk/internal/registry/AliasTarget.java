package io.mrk.internal.registry;

import io.mrk.kms.KeyId;
import java.time.Instant;

/** What an alias points to in its Region, and when it was created and last re-pointed. */
record AliasTarget(KeyId keyId, Instant creationDate, Instant lastUpdatedDate) {}
