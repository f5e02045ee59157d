package io.mrk.internal.registry;

import io.mrk.internal.audit.AuditEvent;
import io.mrk.internal.audit.AuditLogException;
import io.mrk.internal.audit.AuditLogFiles;
import io.mrk.internal.audit.AuditTrails;
import io.mrk.internal.audit.AuditWriter;
import io.mrk.internal.audit.ChainKey;
import io.mrk.internal.store.KeystoreFile;
import io.mrk.kms.KeyRegistry;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The audit trail of a registry backed by a keystore file: the per-Region logs in
 * {@link AuditLogFiles#directoryFor} the file, chained under the key derived from the registry's
 * audit secret. A registry without a file has no audit.
 */
public final class KeystoreAudit {

  private KeystoreAudit() {}

  /**
   * Sends {@code registry}'s events to the logs next to {@code keystoreFile}. Does nothing (and
   * returns false) for a registry read from a format-1 file, whose audit secret is not stored yet.
   *
   * @throws IOException when the logs cannot be opened, or an existing log's tail is damaged
   */
  public static boolean attach(KeyRegistry registry, Path keystoreFile, Clock clock) throws IOException {
    Optional<AuditWriter> writer = writer(registry, keystoreFile, clock, false);
    writer.ifPresent(w -> RegistryAccess.audit(registry, w::append));
    return writer.isPresent();
  }

  /**
   * Appends {@code events}, recorded while {@code registry} was changed in memory, to the logs next to
   * {@code keystoreFile} and waits until they are written. {@code willBeStored} says the registry is
   * about to be written to the file, so a secret not stored yet (a new or format-1 keystore) becomes
   * the stored one; otherwise such events are dropped, since no stored secret could verify them.
   */
  public static void record(KeyRegistry registry, Path keystoreFile, Clock clock, List<AuditEvent> events,
                            boolean willBeStored) throws IOException {
    if (events.isEmpty()) {
      return;
    }
    Optional<AuditWriter> writer = writer(registry, keystoreFile, clock, willBeStored);
    if (writer.isPresent()) {
      events.forEach(writer.get()::append);
      flush(keystoreFile);
    }
  }

  /**
   * The chain key of the keystore in {@code keystoreFile}, for verification, without opening its logs
   * for writing (a damaged log must still be verifiable); empty for a format-1 keystore.
   */
  public static Optional<ChainKey> chainKey(Path keystoreFile, char[] password) throws IOException {
    byte[] payload = KeystoreFile.load(keystoreFile, password);
    try {
      return RegistryAccess.chainKey(RegistryCodec.decode(payload, KeyRegistry.builder()), false);
    } finally {
      Arrays.fill(payload, (byte) 0);
    }
  }

  /** Waits until every event appended so far for {@code keystoreFile} is written. */
  public static void flush(Path keystoreFile) throws IOException {
    try {
      AuditTrails.flush(AuditLogFiles.directoryFor(keystoreFile));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing the audit trail");
    }
  }

  private static Optional<AuditWriter> writer(KeyRegistry registry, Path keystoreFile, Clock clock,
                                              boolean evenIfUnstored) throws IOException {
    Optional<ChainKey> key = RegistryAccess.chainKey(registry, evenIfUnstored);
    if (key.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(AuditTrails.writerFor(AuditLogFiles.directoryFor(keystoreFile), key.get(), clock));
    } catch (AuditLogException e) {
      throw new IOException("The audit trail next to " + keystoreFile + " is damaged: " + e.getMessage(), e);
    }
  }
}
