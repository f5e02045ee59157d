package io.mrk.internal.cipher;

import io.mrk.kms.Arn;
import io.mrk.kms.KmsException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;

/**
 * The header that starts every MRK ciphertext, and its codec (spec/ciphertext-format.md, "Header").
 * All integers are big-endian:
 *
 * <pre>
 * version u8 = 2 | suite u8 = 1 | chunkSizeLog2 u8 (8..24) | arnLength u16 (1..2048) | key ARN (ASCII)
 * | materialVersion u32 (&gt;= 1) | materialId 32 bytes | salt 32 bytes | commitment 32 bytes
 * | base nonce 12 bytes
 * </pre>
 *
 * <p>Everything before the commitment (the <em>bound prefix</em>) is the HKDF info of the data key
 * and commitment ({@link DataKeyDerivation}), so a change to any of those bytes fails the commitment
 * check before a chunk is opened; the nonce, last, is bound by GCM. A parsed header holds everything
 * but the nonce, so the header of every message of one encryption session parses to one value.
 * Parsing checks each length before reading and bounds the ARN before allocating.
 */
public final class CiphertextHeader {

  static final int VERSION = 2;
  /** AES-256-GCM, HKDF-SHA-256, 32-byte commitment. */
  static final int SUITE = 1;
  static final int MIN_CHUNK_SIZE_LOG2 = 8;
  static final int MAX_CHUNK_SIZE_LOG2 = 24;
  static final int MAX_ARN_BYTES = 2048;
  static final int MATERIAL_ID_BYTES = 32;
  /** Bytes before the ARN: version, suite, chunk size and the ARN length. */
  static final int PREFIX_BYTES = 5;
  /** Bytes after the ARN that the derivation binds: material version, material id, salt. */
  private static final int BOUND_SUFFIX_BYTES = 4 + MATERIAL_ID_BYTES + DataKeyDerivation.SALT_BYTES;
  /** Bytes after the ARN: the bound suffix, commitment and base nonce. */
  static final int SUFFIX_BYTES = BOUND_SUFFIX_BYTES + DataKeyDerivation.COMMITMENT_BYTES + AesGcmCore.NONCE_BYTES;
  static final int MIN_BYTES = PREFIX_BYTES + 1 + SUFFIX_BYTES;
  static final int MAX_BYTES = PREFIX_BYTES + MAX_ARN_BYTES + SUFFIX_BYTES;
  private static final HexFormat HEX = HexFormat.of();

  private final int chunkSizeLog2;
  private final String keyArn;
  private final int materialVersion;
  private final String materialId;
  private final byte[] salt;
  private final byte[] commitment;
  /** The encoded header without its nonce: bound prefix || commitment. */
  private final byte[] fixed;

  private CiphertextHeader(int chunkSizeLog2, String keyArn, int materialVersion, String materialId,
                           byte[] salt, byte[] commitment, byte[] fixed) {
    this.chunkSizeLog2 = chunkSizeLog2;
    this.keyArn = keyArn;
    this.materialVersion = materialVersion;
    this.materialId = materialId;
    this.salt = salt;
    this.commitment = commitment;
    this.fixed = fixed;
  }

  /**
   * The bound prefix (every field before the commitment) of a header; a session derives its key
   * from it and writes it into every message.
   *
   * @param materialId the KeyMaterialId, 64 lower-case hex digits (32 bytes)
   */
  static byte[] encodeBoundPrefix(int chunkSizeLog2, String keyArn, int materialVersion, String materialId,
                                  byte[] salt) {
    byte[] arn = keyArn.getBytes(StandardCharsets.US_ASCII);
    byte[] id = materialIdBytes(materialId);
    if (chunkSizeLog2 < MIN_CHUNK_SIZE_LOG2 || chunkSizeLog2 > MAX_CHUNK_SIZE_LOG2
        || arn.length < 1 || arn.length > MAX_ARN_BYTES || materialVersion < 1
        || salt.length != DataKeyDerivation.SALT_BYTES) {
      throw new IllegalArgumentException("header field out of range");
    }
    byte[] out = new byte[PREFIX_BYTES + arn.length + BOUND_SUFFIX_BYTES];
    out[0] = VERSION;
    out[1] = SUITE;
    out[2] = (byte) chunkSizeLog2;
    out[3] = (byte) (arn.length >>> 8);
    out[4] = (byte) arn.length;
    System.arraycopy(arn, 0, out, PREFIX_BYTES, arn.length);
    int v = PREFIX_BYTES + arn.length;
    putInt(out, v, materialVersion);
    System.arraycopy(id, 0, out, v + 4, MATERIAL_ID_BYTES);
    System.arraycopy(salt, 0, out, v + 4 + MATERIAL_ID_BYTES, salt.length);
    return out;
  }

  /** The 32 bytes of a KeyMaterialId; refuses anything but 64 lower-case hex digits. */
  static byte[] materialIdBytes(String materialId) {
    if (materialId == null || materialId.length() != 2 * MATERIAL_ID_BYTES
        || !materialId.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new IllegalArgumentException("a KeyMaterialId is 64 lower-case hex digits");
    }
    return HEX.parseHex(materialId);
  }

  /**
   * The total header length announced by the first {@link #PREFIX_BYTES} bytes at {@code off}, after
   * checking version, suite, chunk size and ARN length; the caller must supply those bytes.
   */
  static int announcedLength(byte[] b, int off) throws AEADBadTagException {
    int version = b[off] & 0xff;
    if (version != VERSION) {
      throw malformed("unknown format version " + version + " (this MRK reads version " + VERSION
          + (version == 1 ? "; version 1 was a pre-release format and is no longer read" : "")
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

  /**
   * Parses the header at the start of {@code b[off..off+len)}; trailing bytes are left alone. The
   * nonce is not part of the result: read it with {@link #nonceOffset()}.
   */
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
    String materialId = HEX.formatHex(b, p, p + MATERIAL_ID_BYTES);
    p += MATERIAL_ID_BYTES;
    byte[] salt = Arrays.copyOfRange(b, p, p + DataKeyDerivation.SALT_BYTES);
    p += DataKeyDerivation.SALT_BYTES;
    byte[] commitment = Arrays.copyOfRange(b, p, p + DataKeyDerivation.COMMITMENT_BYTES);
    return new CiphertextHeader(b[off + 2], arn, version, materialId, salt, commitment,
        Arrays.copyOfRange(b, off, off + total - AesGcmCore.NONCE_BYTES));
  }

  /**
   * Whether the header at {@code b[off..)}, of which the caller supplies at least {@link #length()}
   * bytes, repeats this one in every byte but the nonce. Every message of an encryption session
   * does, and then this parsed value (and the commitment check already done for it) applies: parsing
   * is a function of the bytes, and the nonce is any 12 bytes. The bytes compared are public (this
   * header came from an earlier ciphertext), so the comparison need not be constant-time.
   */
  boolean sameFixedPart(byte[] b, int off) {
    return Arrays.equals(b, off, off + fixed.length, fixed, 0, fixed.length);
  }

  private static AEADBadTagException malformed(String why) {
    return new AEADBadTagException("Malformed MRK ciphertext: " + why);
  }

  static void putInt(byte[] b, int off, int v) {
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

  /** The KeyMaterialId of that material, 64 lower-case hex digits. */
  public String materialId() {
    return materialId;
  }

  /** Never modify the arrays returned below; they are the parsed header's own. */
  byte[] salt() {
    return salt;
  }

  byte[] commitment() {
    return commitment;
  }

  /** The bound prefix length: the derivation's info covers {@code fixed[0..boundLength())}. */
  int boundLength() {
    return fixed.length - DataKeyDerivation.COMMITMENT_BYTES;
  }

  /** The encoded header without its nonce (bound prefix || commitment). */
  byte[] fixedPart() {
    return fixed;
  }

  /** Where the base nonce starts, relative to the header's start. */
  int nonceOffset() {
    return fixed.length;
  }

  /** The header's length in bytes; the first chunk starts there. */
  public int length() {
    return fixed.length + AesGcmCore.NONCE_BYTES;
  }
}
