package io.mrk.internal.registry;

import io.mrk.kms.GrantConstraints;
import java.time.Instant;
import java.util.List;

/**
 * A grant on a key in one Region.
 *
 * @param grantId 64 lower-case hex digits
 * @param grantToken an opaque random string that retires the grant; a capability, so never logged
 */
record Grant(String grantId, String grantToken, String name, Instant creationDate,
             String granteePrincipal, String retiringPrincipal, List<String> operations,
             GrantConstraints constraints) {

  Grant {
    operations = List.copyOf(operations);
  }

  /** Names the grant id only: the token is a bearer credential. */
  @Override
  public String toString() {
    return "Grant[" + grantId + "]";
  }
}
