package io.mrk.internal.cipher;

import io.mrk.kms.Arn;
import io.mrk.kms.KmsException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * The header that starts every MRK ciphertext, and its codec (spec/ciphertext-format.md, "Header").
 * All integers are big-endian:
 *
 * <pre>
 * version u8 = 1 | suite u8 = 1 | chunkSizeLog2 u8 (8..24) | arnLength u16 (1..2048) | key ARN (ASCII)
 * | materialVersion u32 (&gt;= 1) | salt 32 bytes | base nonce 12 bytes | commitment 32 bytes
 * </pre>
 *
 * <p>The whole header is authenticated as the first part of chunk 0's AAD, so every field is bound to
 * the data. Parsing checks each length before reading and bounds the ARN before allocating.
 */
public final class CiphertextHeader {

  static final int VERSION = 1;
  /** AES-256-GCM, HKDF-SHA-256, 32-byte commitment. */
  static final int SUITE = 1;
  static final int MIN_CHUNK_SIZE_LOG2 = 8;
  static final int MAX_CHUNK_SIZE_LOG2 = 24;
  static final int MAX_ARN_BYTES = 2048;
  /** Bytes before the ARN: version, suite, chunk size and the ARN length. */
  static final int PREFIX_BYTES = 5;
  /** Bytes after the ARN: version, salt, base nonce and commitment. */
  static final int SUFFIX_BYTES =
      4 + DataKeyDerivation.SALT_BYTES + AesGcmCore.NONCE_BYTES + DataKeyDerivation.COMMITMENT_BYTES;
  static final int MIN_BYTES = PREFIX_BYTES + 1 + SUFFIX_BYTES;

  private final int chunkSizeLog2;
  private final String keyArn;
  private final int materialVersion;
  private final byte[] salt;
  private final byte[] baseNonce;
  private final byte[] commitment;
  private final byte[] encoded;

  private CiphertextHeader(int chunkSizeLog2, String keyArn, int materialVersion, byte[] salt,
                           byte[] baseNonce, byte[] commitment, byte[] encoded) {
    this.chunkSizeLog2 = chunkSizeLog2;
    this.keyArn = keyArn;
    this.materialVersion = materialVersion;
    this.salt = salt;
    this.baseNonce = baseNonce;
    this.commitment = commitment;
    this.encoded = encoded;
  }

  /** The encoded header up to (not including) the base nonce; a session reuses it for every message. */
  static byte[] encodePrefix(int chunkSizeLog2, String keyArn, int materialVersion, byte[] salt) {
    byte[] arn = keyArn.getBytes(StandardCharsets.US_ASCII);
    if (chunkSizeLog2 < MIN_CHUNK_SIZE_LOG2 || chunkSizeLog2 > MAX_CHUNK_SIZE_LOG2
        || arn.length < 1 || arn.length > MAX_ARN_BYTES || materialVersion < 1
        || salt.length != DataKeyDerivation.SALT_BYTES) {
      throw new IllegalArgumentException("header field out of range");
    }
    byte[] out = new byte[PREFIX_BYTES + arn.length + 4 + salt.length];
    out[0] = VERSION;
    out[1] = SUITE;
    out[2] = (byte) chunkSizeLog2;
    out[3] = (byte) (arn.length >>> 8);
    out[4] = (byte) arn.length;
    System.arraycopy(arn, 0, out, PREFIX_BYTES, arn.length);
    int v = PREFIX_BYTES + arn.length;
    putInt(out, v, materialVersion);
    System.arraycopy(salt, 0, out, v + 4, salt.length);
    return out;
  }

  /** The full header: {@code prefix} from {@link #encodePrefix}, then the nonce and commitment. */
  static byte[] encode(byte[] prefix, byte[] baseNonce, byte[] commitment) {
    byte[] out = Arrays.copyOf(prefix, prefix.length + baseNonce.length + commitment.length);
    System.arraycopy(baseNonce, 0, out, prefix.length, baseNonce.length);
    System.arraycopy(commitment, 0, out, prefix.length + baseNonce.length, commitment.length);
    return out;
  }

  /**
   * The total header length announced by the first {@link #PREFIX_BYTES} bytes at {@code off}, after
   * checking version, suite, chunk size and ARN length; the caller must supply those bytes.
   */
  static int announcedLength(byte[] b, int off) throws AEADBadTagException {
    int version = b[off] & 0xff;
    if (version != VERSION) {
      throw malformed("unknown format version " + version + " (this MRK reads version " + VERSION
          + "); it may not be an MRK ciphertext");
    }
    int suite = b[off + 1] & 0xff;
    if (suite != SUITE) {
      throw malformed("unknown algorithm suite " + suite);
    }
    int log2 = b[off + 2] & 0xff;
    if (log2 < MIN_CHUNK_SIZE_LOG2 || log2 > MAX_CHUNK_SIZE_LOG2) {
      throw malformed("chunk size 2^" + log2 + " outside 2^" + MIN_CHUNK_SIZE_LOG2 + "..2^"
          + MAX_CHUNK_SIZE_LOG2);
    }
    int arnLength = ((b[off + 3] & 0xff) << 8) | (b[off + 4] & 0xff);
    if (arnLength < 1 || arnLength > MAX_ARN_BYTES) {
      throw malformed("ARN length " + arnLength + " outside 1.." + MAX_ARN_BYTES);
    }
    return PREFIX_BYTES + arnLength + SUFFIX_BYTES;
  }

  /** Parses the header at the start of {@code b[off..off+len)}; trailing bytes are left alone. */
  public static CiphertextHeader parse(byte[] b, int off, int len) throws AEADBadTagException {
    if (len < PREFIX_BYTES) {
      throw malformed("truncated header (" + len + " bytes)");
    }
    int total = announcedLength(b, off);
    if (len < total) {
      throw malformed("truncated header (" + len + " of " + total + " bytes)");
    }
    int arnLength = total - PREFIX_BYTES - SUFFIX_BYTES;
    int p = off + PREFIX_BYTES;
    for (int i = 0; i < arnLength; i++) {
      int c = b[p + i] & 0xff;
      if (c < 0x21 || c > 0x7e) {
        throw malformed("the key ARN holds a byte that is not printable ASCII");
      }
    }
    String arn = new String(b, p, arnLength, StandardCharsets.US_ASCII);
    try {
      if (!Arn.parse(arn).isKey()) {
        throw malformed("the ARN in the header is not a key ARN");
      }
    } catch (KmsException e) {
      throw malformed(e.getMessage());
    }
    p += arnLength;
    int version = getInt(b, p);
    if (version < 1) {
      throw malformed("material version " + Integer.toUnsignedString(version) + " is not valid");
    }
    p += 4;
    byte[] salt = Arrays.copyOfRange(b, p, p + DataKeyDerivation.SALT_BYTES);
    p += DataKeyDerivation.SALT_BYTES;
    byte[] nonce = Arrays.copyOfRange(b, p, p + AesGcmCore.NONCE_BYTES);
    p += AesGcmCore.NONCE_BYTES;
    byte[] commitment = Arrays.copyOfRange(b, p, p + DataKeyDerivation.COMMITMENT_BYTES);
    return new CiphertextHeader(b[off + 2], arn, version, salt, nonce, commitment,
        Arrays.copyOfRange(b, off, off + total));
  }

  /**
   * The header at the start of {@code b[off..off+len)} when it repeats this one in every byte but the
   * base nonce, sharing this header's parsed ARN, salt and commitment; otherwise null. The caller
   * must supply at least {@link #length()} bytes. A decrypting cipher sees the same header, nonce
   * aside, for every message of an encryption session, and this skips re-parsing what it already
   * checked: parsing is a function of the bytes, and the nonce is any 12 bytes.
   */
  CiphertextHeader withNonceOf(byte[] b, int off, int len) {
    int total = encoded.length;
    int nonceAt = total - DataKeyDerivation.COMMITMENT_BYTES - AesGcmCore.NONCE_BYTES;
    int commitmentAt = nonceAt + AesGcmCore.NONCE_BYTES;
    if (len != total
        || !Arrays.equals(b, off, off + nonceAt, encoded, 0, nonceAt)
        || !Arrays.equals(b, off + commitmentAt, off + total, encoded, commitmentAt, total)) {
      return null;
    }
    return new CiphertextHeader(chunkSizeLog2, keyArn, materialVersion, salt,
        Arrays.copyOfRange(b, off + nonceAt, off + commitmentAt), commitment,
        Arrays.copyOfRange(b, off, off + total));
  }

  private static AEADBadTagException malformed(String why) {
    return new AEADBadTagException("Malformed MRK ciphertext: " + why);
  }

  private static void putInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  private static int getInt(byte[] b, int off) {
    return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8)
        | (b[off + 3] & 0xff);
  }

  int chunkSizeLog2() {
    return chunkSizeLog2;
  }

  /** The key ARN of the Region that encrypted. */
  public String keyArn() {
    return keyArn;
  }

  /** The material version the data key was derived from. */
  public int materialVersion() {
    return materialVersion;
  }

  /** Never modify the arrays returned below; they are the parsed header's own. */
  byte[] salt() {
    return salt;
  }

  byte[] baseNonce() {
    return baseNonce;
  }

  byte[] commitment() {
    return commitment;
  }

  /** The header exactly as it appeared, which chunk 0 authenticates. */
  byte[] encoded() {
    return encoded;
  }

  /** The header's length in bytes; the first chunk starts there. */
  public int length() {
    return encoded.length;
  }
}
