package io.mrk.internal.registry;

import io.mrk.audit.AuditReport;
import io.mrk.internal.audit.AuditLogFiles;
import io.mrk.internal.audit.AuditTrail;
import io.mrk.internal.audit.AuditVerifier;
import io.mrk.internal.audit.ChainKeys;
import io.mrk.internal.store.KeystoreFile;
import io.mrk.kms.KeyRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import io.mrk.internal.audit.WriterLineage;

/**
 * The audit trail of a registry backed by a keystore file: the per-Region logs in
 * {@link AuditLogFiles#directoryFor} the file, chained under keys derived from the registry's audit
 * secret. Writes go through {@link AuditedWrite}; this class attaches a trail to a registry that is
 * read, and verifies a keystore's logs.
 */
public final class KeystoreAudit {

  private KeystoreAudit() {}

  /** The sink of a registry read from a file: its own trail, which lives as long as the registry. */
  private record TrailSink(AuditTrail trail, Supplier<WriterLineage> lineage) implements AuditSink {
    @Override
    public void record(io.mrk.internal.audit.AuditEvent event) {
      trail.record(event, lineage.get());
    }
  }

  /**
   * Sends {@code registry}'s later events to a new trail of the logs next to {@code keystoreFile},
   * owned by the registry (an earlier trail of it is closed). Touches no file: a read-only location
   * still serves reads, and events that cannot be written are reported by {@link #flush}. Does
   * nothing (and returns false) for a registry read from a format-1 file, whose audit secret is not
   * stored yet.
   */
  public static boolean attach(KeyRegistry registry, Path keystoreFile, Clock clock) {
    return attach(registry, keystoreFile, clock, () -> null);
  }

  /**
   * As {@link #attach(KeyRegistry, Path, Clock)}; each event names {@code lineage}'s value at the
   * time it is recorded (null: none), the highest generation the process knew to be committed.
   */
  static boolean attach(KeyRegistry registry, Path keystoreFile, Clock clock, Supplier<WriterLineage> lineage) {
    AuditSecret secret = RegistryAccess.local(registry).auditSecret();
    if (!secret.stored()) {
      return false;
    }
    AuditTrail trail = AuditTrail.forKeystore(keystoreFile, secret.chainKeys(), clock, AuditTrail.DEFAULT_LOCK_WAIT);
    AuditSink before = RegistryAccess.local(registry).audit();
    RegistryAccess.audit(registry, new TrailSink(trail, lineage));
    if (before instanceof TrailSink old) {
      old.trail().close();
    }
    return true;
  }

  /**
   * Waits until every event {@code registry} recorded so far is written; returns what could not be
   * (empty when all was written, or when the registry has no trail).
   */
  public static List<String> flush(KeyRegistry registry) throws IOException {
    if (!(RegistryAccess.local(registry).audit() instanceof TrailSink sink)) {
      return List.of();
    }
    try {
      AuditTrail.Health health = sink.trail().flush();
      if (health.ok()) {
        return List.of();
      }
      return List.of(health.dropped() + " audit events could not be written: " + String.join("; ", health.problems()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while writing the audit trail");
    }
  }

  /**
   * Verifies the logs next to {@code keystoreFile} against its chain keys, its anchors, its outbox
   * and the Regions that hold keys, without opening the logs for writing. Empty for a keystore whose
   * trail predates chain version 2 (format 1 or 2: the next write upgrades it).
   */
  public static Optional<AuditReport> verify(Path keystoreFile, char[] password) throws IOException {
    byte[] payload = KeystoreFile.load(keystoreFile, password);
    LocalKeyRegistry registry;
    try {
      registry = RegistryAccess.local(RegistryCodec.decode(payload, new RegistryBuilder()));
    } finally {
      Arrays.fill(payload, (byte) 0);
    }
    AuditSecret secret = registry.auditSecret();
    if (!secret.stored() || secret.committed().legacy()) {
      return Optional.empty();
    }
    try (ChainKeys keys = secret.chainKeys()) {
      return Optional.of(AuditVerifier.verify(AuditLogFiles.directoryFor(keystoreFile), keys, secret.committed(),
          registry.regions()));
    }
  }
}
