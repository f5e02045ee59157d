package io.mrk.kms;

import java.util.List;

/** ReplicateKey's answer: the new replica, its policy and its tags. */
public record ReplicateKeyResult(KeyMetadata replicaKeyMetadata, String replicaPolicy, List<Tag> replicaTags) {
  public ReplicateKeyResult {
    replicaTags = List.copyOf(replicaTags);
  }
}
