package io.mrk.kms;

import java.util.Map;
import java.util.TreeMap;

/** A grant's encryption-context constraints; at most one of the two maps is non-empty. */
public record GrantConstraints(Map<String, String> encryptionContextEquals,
                               Map<String, String> encryptionContextSubset) {

  public static final GrantConstraints NONE = new GrantConstraints(Map.of(), Map.of());

  public GrantConstraints {
    encryptionContextEquals = Map.copyOf(new TreeMap<>(encryptionContextEquals == null ? Map.of() : encryptionContextEquals));
    encryptionContextSubset = Map.copyOf(new TreeMap<>(encryptionContextSubset == null ? Map.of() : encryptionContextSubset));
    if (!encryptionContextEquals.isEmpty() && !encryptionContextSubset.isEmpty()) {
      throw new IllegalArgumentException("a grant has EncryptionContextEquals or EncryptionContextSubset, not both");
    }
  }
}
