package io.mrk.kms;

import java.time.Instant;

/** One row of ListAliases. */
public record AliasListEntry(String aliasName, String aliasArn, KeyId targetKeyId,
                             Instant creationDate, Instant lastUpdatedDate) {}
