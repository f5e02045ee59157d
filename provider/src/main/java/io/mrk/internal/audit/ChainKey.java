package io.mrk.internal.audit;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that authenticates an audit chain: HMAC-SHA-256 key bytes supplied by the registry
 * (derived from the keystore's secrets, so that whoever lacks the keystore password cannot forge a
 * link). This object holds its own copy, which {@link #close} wipes; the caller wipes its array.
 */
public final class ChainKey implements AutoCloseable {

  /** At least the HMAC-SHA-256 output length (RFC 2104 section 3: keys shorter than L are discouraged). */
  public static final int MIN_KEY_BYTES = 32;

  private static final String HMAC = "HmacSHA256";

  private final byte[] key;
  private volatile boolean closed;

  /** Copies {@code key}; it must be at least {@link #MIN_KEY_BYTES} long. */
  public ChainKey(byte[] key) {
    if (key == null || key.length < MIN_KEY_BYTES) {
      throw new IllegalArgumentException("an audit chain key has at least " + MIN_KEY_BYTES + " bytes");
    }
    this.key = key.clone();
  }

  /** A fresh HMAC-SHA-256 instance under this key; not thread-safe, so one per thread. */
  Mac newMac() {
    if (closed) {
      throw new IllegalStateException("the audit chain key was closed");
    }
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  /** Wipes this object's copy of the key. */
  @Override
  public void close() {
    closed = true;
    Arrays.fill(key, (byte) 0);
  }

  @Override
  public String toString() {
    return "ChainKey[HMAC-SHA-256, redacted]";
  }
}
