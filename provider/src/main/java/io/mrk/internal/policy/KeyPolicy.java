package io.mrk.internal.policy;

import java.util.List;

/**
 * A parsed, validated key policy of one key in one Region, ready for {@link PolicyEvaluator}.
 * Obtain it from {@link PolicyParser#parse}; keep the original text for GetKeyPolicy.
 *
 * @param version {@code 2012-10-17} or {@code 2008-10-17}
 * @param id the {@code Id} element, or {@code null}
 */
public record KeyPolicy(String version, String id, List<PolicyStatement> statements) {

  public KeyPolicy {
    if (version == null || statements == null || statements.isEmpty()) {
      throw new IllegalArgumentException("a key policy needs a version and at least one statement");
    }
    statements = List.copyOf(statements);
  }
}
