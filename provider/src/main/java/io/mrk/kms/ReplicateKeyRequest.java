package io.mrk.kms;

import java.util.List;

/**
 * ReplicateKey's optional parameters. The replica does not inherit the primary's description,
 * policy or tags: absent values mean the standard defaults (empty description, default key policy,
 * no tags).
 */
public record ReplicateKeyRequest(String description, String policy, List<Tag> tags) {

  public static final ReplicateKeyRequest DEFAULTS = new ReplicateKeyRequest(null, null, null);

  public ReplicateKeyRequest {
    description = description == null ? "" : description;
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
