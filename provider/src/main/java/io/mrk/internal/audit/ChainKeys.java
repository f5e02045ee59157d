package io.mrk.internal.audit;

import io.mrk.kms.Region;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The chain keys of a keystore's audit trail: one HMAC-SHA-256 key per Region, derived from the
 * registry's audit secret with HKDF-SHA-256 (RFC 5869, section 2), no salt and the info
 * {@code "MRK audit chain key v2" || 0x00 || <region code>}.
 *
 * <p>One key per Region means that the key of one Region's chain says nothing about another's:
 * whoever holds only {@code eu-west-1}'s key can extend that chain and no other. This object holds
 * its own copy of the secret, which {@link #close} wipes; the caller wipes its array.
 */
public final class ChainKeys implements AutoCloseable {

  /** The length of the audit secret and of each derived key. */
  public static final int SECRET_BYTES = 32;

  private static final String HMAC = "HmacSHA256";
  private static final byte[] INFO_PREFIX = "MRK audit chain key v2".getBytes(StandardCharsets.US_ASCII);

  private final byte[] secret;
  private volatile boolean closed;

  private ChainKeys(byte[] secret) {
    this.secret = secret.clone();
  }

  /** The chain keys derived from {@code secret} ({@value #SECRET_BYTES} bytes, copied). */
  public static ChainKeys fromSecret(byte[] secret) {
    if (secret == null || secret.length != SECRET_BYTES) {
      throw new IllegalArgumentException("an audit secret has " + SECRET_BYTES + " bytes");
    }
    return new ChainKeys(secret);
  }

  /** The raw chain key of {@code region}; the caller wipes it. */
  byte[] keyBytes(Region region) {
    if (closed) {
      throw new IllegalStateException("the audit chain keys were closed");
    }
    byte[] code = region.code().getBytes(StandardCharsets.US_ASCII);
    byte[] info = Arrays.copyOf(INFO_PREFIX, INFO_PREFIX.length + 1 + code.length);
    System.arraycopy(code, 0, info, INFO_PREFIX.length + 1, code.length);
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(secret, null, info));
    byte[] out = new byte[SECRET_BYTES];
    hkdf.generateBytes(out, 0, SECRET_BYTES);
    return out;
  }

  /**
   * The identity of this keystore's trail, written to {@link AuditLogFiles#ID_FILE}: 16 bytes of
   * HKDF-SHA-256 of the secret with the info {@code "MRK audit trail id v2"}, in hex. It names the
   * keystore a log directory belongs to without revealing any chain key.
   */
  String trailId() {
    if (closed) {
      throw new IllegalStateException("the audit chain keys were closed");
    }
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(secret, null, "MRK audit trail id v2".getBytes(StandardCharsets.US_ASCII)));
    byte[] out = new byte[16];
    hkdf.generateBytes(out, 0, out.length);
    return java.util.HexFormat.of().formatHex(out);
  }

  /** A fresh HMAC-SHA-256 instance under {@code region}'s key; not thread-safe, so one per use. */
  Mac mac(Region region) {
    byte[] key = keyBytes(region);
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** Wipes this object's copy of the secret. */
  @Override
  public void close() {
    closed = true;
    Arrays.fill(secret, (byte) 0);
  }

  @Override
  public String toString() {
    return "ChainKeys[HKDF-SHA-256 per Region, redacted]";
  }
}
