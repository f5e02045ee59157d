package io.mrk.kms;

import java.time.Instant;
import java.util.List;

/** One row of ListGrants. */
public record GrantListEntry(KeyId keyId, String grantId, String name, Instant creationDate,
                             String granteePrincipal, String retiringPrincipal, String issuingAccount,
                             List<String> operations, GrantConstraints constraints) {
  public GrantListEntry {
    operations = List.copyOf(operations);
  }
}
