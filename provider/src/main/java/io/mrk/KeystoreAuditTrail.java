package io.mrk;

import io.mrk.audit.AuditFilter;
import io.mrk.audit.AuditLogException;
import io.mrk.audit.AuditRecord;
import io.mrk.audit.AuditReport;
import io.mrk.internal.audit.AuditLogFiles;
import io.mrk.internal.audit.AuditMerger;
import io.mrk.internal.registry.KeystoreAudit;
import io.mrk.kms.Region;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The audit trail of one keystore file: one append-only, HMAC-chained JSON Lines log per Region in
 * the directory {@code <keystore>.audit/}, as CloudTrail records KMS calls. Get one from
 * {@link MrkKeystore#auditTrail}; it only reads, so it may be used while other processes write.
 *
 * <p>{@link #read} merges the Regions' logs without checking their chains (that needs the keystore's
 * password); {@link #verify} authenticates every line and checks the logs against what the keystore
 * sealed at its last write. See {@code spec/audit-log.md}.
 */
public final class KeystoreAuditTrail {

  private final Path keystoreFile;

  KeystoreAuditTrail(Path keystoreFile) {
    this.keystoreFile = Objects.requireNonNull(keystoreFile, "keystoreFile");
  }

  /** The keystore file whose trail this is. */
  public Path keystoreFile() {
    return keystoreFile;
  }

  /** The directory of the Regions' logs, {@code <keystore>.audit}, which need not exist yet. */
  public Path directory() {
    return AuditLogFiles.directoryFor(keystoreFile);
  }

  /** The log of {@code region} in {@link #directory()}, {@code <region>.jsonl}, which need not exist. */
  public Path logFile(Region region) {
    return AuditLogFiles.fileFor(directory(), Objects.requireNonNull(region, "region"));
  }

  /**
   * The records of the Regions' logs that pass {@code filter}, in one chronological order: by event
   * time, ties broken by Region code, then by sequence number, so the order is total and repeatable.
   * Records are not authenticated here (use {@link #verify}); the selected records are held in memory.
   *
   * @throws AuditLogException at the first line that is not a complete, well-formed record, naming
   *     its file and line, rather than skipping it
   */
  public List<AuditRecord> read(AuditFilter filter) throws IOException, AuditLogException {
    return AuditMerger.merge(directory(), Objects.requireNonNull(filter, "filter"));
  }

  /**
   * Verifies every Region's log under the keystore's per-Region chain keys and against the anchors,
   * the outbox and the Regions with keys that the keystore sealed at its last write: truncation, a
   * deleted log, a replayed older copy and any altered line are reported as the first break of their
   * Region. Opens nothing for writing.
   *
   * @param password the keystore's password; the caller keeps and wipes it
   * @return the report, or empty for a keystore whose trail predates per-Region chain keys and anchors
   *     (registry formats 1 and 2: the next write to the keystore upgrades it)
   * @throws IOException when the keystore cannot be read or the password is wrong
   */
  public Optional<AuditReport> verify(char[] password) throws IOException {
    return KeystoreAudit.verify(keystoreFile, Objects.requireNonNull(password, "password"));
  }

  @Override
  public String toString() {
    return "KeystoreAuditTrail[" + directory() + "]";
  }
}
