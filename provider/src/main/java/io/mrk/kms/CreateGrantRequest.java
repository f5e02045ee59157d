package io.mrk.kms;

import java.util.List;

/**
 * CreateGrant's parameters.
 *
 * @param keyId the key, by any identifier resolvable in the client's Region
 * @param operations KMS operation names such as {@code Encrypt}, {@code Decrypt}
 * @param retiringPrincipal may be {@code null}
 * @param name may be {@code null}
 */
public record CreateGrantRequest(String keyId, String granteePrincipal, List<String> operations,
                                 String retiringPrincipal, GrantConstraints constraints, String name) {
  public CreateGrantRequest {
    operations = operations == null ? List.of() : List.copyOf(operations);
    constraints = constraints == null ? GrantConstraints.NONE : constraints;
  }
}
