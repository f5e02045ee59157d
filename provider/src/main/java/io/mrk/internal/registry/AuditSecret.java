package io.mrk.internal.registry;

import io.mrk.internal.audit.AuditSection;
import io.mrk.internal.audit.ChainKeys;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A registry's audit state as read from its payload: the dedicated random secret from which the
 * per-Region chain keys are derived ({@link ChainKeys}), and the audit section the last write
 * sealed (anchors and outbox). The secret is independent of all key material, so a chain key
 * reveals nothing about any key and no key's use depends on it.
 *
 * <p>A Region-scoped registry (an export) chains its events in memory under the source's secret, as
 * a Region-filtered {@code KeyStore} view must extend the source's logs, but is <em>encoded</em> with
 * a fresh secret and an empty section ({@link #forEncoding}): an exported keystore starts its own
 * trail and cannot forge any Region's chain of the source.
 */
final class AuditSecret {

  static final int BYTES = ChainKeys.SECRET_BYTES;

  private final byte[] secret;
  private final boolean stored;
  private final AuditSection committed;
  /** The secret an export is encoded with, or {@code null} when this is not a scoped copy. */
  private final byte[] exportSecret;

  private AuditSecret(byte[] secret, boolean stored, AuditSection committed, byte[] exportSecret) {
    if (secret == null || secret.length != BYTES || committed == null) {
      throw new IllegalArgumentException("the audit secret has " + BYTES + " bytes and an audit section");
    }
    this.secret = secret.clone();
    this.stored = stored;
    this.committed = committed;
    this.exportSecret = exportSecret == null ? null : exportSecret.clone();
  }

  /** The secret and section read from a payload. */
  static AuditSecret stored(byte[] secret, AuditSection committed) {
    return new AuditSecret(secret, true, committed, null);
  }

  /**
   * A fresh secret for a registry that has none stored (new, or read from a format-1 payload): it
   * exists only in memory until the registry is written, so no log may be chained under it before.
   */
  static AuditSecret generate(SecureRandom random) {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    try {
      return new AuditSecret(bytes, false, AuditSection.empty(false), null);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** The copy a Region-scoped registry holds: same chaining secret, a fresh one for its encoding. */
  AuditSecret scopedCopy(SecureRandom random) {
    byte[] fresh = new byte[BYTES];
    random.nextBytes(fresh);
    try {
      return new AuditSecret(secret, stored, committed, fresh);
    } finally {
      Arrays.fill(fresh, (byte) 0);
    }
  }

  /** This secret as the file holds it after a committed write that sealed {@code section}. */
  AuditSecret committedAs(AuditSection section) {
    return new AuditSecret(secret, true, section, exportSecret);
  }

  /** False for a secret not written to any file yet. */
  boolean stored() {
    return stored;
  }

  /** The audit section the payload carried (empty for a new registry or a format-1/2 payload). */
  AuditSection committed() {
    return committed;
  }

  /** The per-Region chain keys; the caller closes them. */
  ChainKeys chainKeys() {
    return ChainKeys.fromSecret(secret);
  }

  /**
   * The secret and section to encode: this secret and {@code section}, or for a scoped copy its
   * fresh secret and an empty section. The caller wipes the returned secret.
   */
  Encoding forEncoding(AuditSection section) {
    return exportSecret == null ? new Encoding(secret.clone(), section)
        : new Encoding(exportSecret.clone(), AuditSection.empty(false));
  }

  /** What the codec writes: the secret (a copy the caller wipes) and the section. */
  record Encoding(byte[] secret, AuditSection section) {
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditSecret other && MessageDigest.isEqual(secret, other.secret) && stored == other.stored
        && committed.equals(other.committed);
  }

  @Override
  public int hashCode() {
    return Boolean.hashCode(stored);
  }

  @Override
  public String toString() {
    return "AuditSecret[redacted]";
  }
}
