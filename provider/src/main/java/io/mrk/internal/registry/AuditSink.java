package io.mrk.internal.registry;

import io.mrk.internal.audit.AuditEvent;

/**
 * Where a registry reports what happened. Implementations must not block: the registry calls
 * {@link #record} on the caller's thread, including on every {@code Cipher.init}.
 */
@FunctionalInterface
public interface AuditSink {

  /** No audit: an in-memory registry without a keystore file. */
  AuditSink NONE = event -> { };

  void record(AuditEvent event);
}
