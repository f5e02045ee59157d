package io.mrk.internal.audit;

import java.util.Objects;

/**
 * The keystore state a record's writer stood on: the keystore id and a generation it knew to be
 * committed (the generation a write commits, or the highest a reader had seen). Stored in a record
 * as {@code "mrkLineage":{"keystoreId":...,"generation":...}} and authenticated by the chain, so a
 * process that reads the log's tail learns that the keystore file reached at least that generation.
 *
 * @param keystoreId the keystore's random id (32 lower-case hex digits)
 * @param generation {@code >= 1}
 */
public record WriterLineage(String keystoreId, long generation) {

  public WriterLineage {
    Objects.requireNonNull(keystoreId, "keystoreId");
    if (!keystoreId.matches("[0-9a-f]{32}") || generation < 1) {
      throw new IllegalArgumentException("a writer lineage has a 32-hex-digit keystore id and a generation >= 1");
    }
  }
}
