package io.mrk.internal.cipher;

import io.mrk.EncryptionContext;
import io.mrk.spi.EncryptedDataKey;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;

/**
 * The suite 2 (KMS envelope) header and its codec, exactly as frozen in spec/ciphertext-suite-2.md,
 * section 1:
 *
 * <pre>
 * version u8 = 2 | suite u8 = 2 | chunkSizeLog2 u8 | contextLength u16 | encryptionContext
 * | edkCount u16 (1..16) | per EDK: idLen u16 (1..255) id | infoLen u16 (1..2048) info
 * | edkLen u16 (1..6144) edk | salt 32 | commitment 32 | base nonce 12
 * </pre>
 *
 * <p>Every length is checked against its bound before the bytes it announces are read;
 * {@link #completeLength} walks the lengths only, so a reader knows how many bytes the header takes
 * before it parses (and before it allocates for) any of it.
 */
final class EnvelopeHeader {

  static final int VERSION = 2;
  static final int SUITE = 2;
  static final int MAX_EDKS = 16;
  static final int MAX_PROVIDER_ID_BYTES = 255;
  static final int MAX_PROVIDER_INFO_BYTES = 2048;
  static final int MAX_EDK_BYTES = 6144;
  /** Salt, commitment, nonce. */
  private static final int TAIL_BYTES = DataKeyDerivation.SALT_BYTES + DataKeyDerivation.COMMITMENT_BYTES
      + AesGcmCore.NONCE_BYTES;
  /** 3 + 2 + 65,535 + 2 + 16 x (2 + 255 + 2 + 2,048 + 2 + 6,144) + 76 (spec, section 1). */
  static final int MAX_BYTES = 3 + 2 + 0xFFFF + 2
      + MAX_EDKS * (2 + MAX_PROVIDER_ID_BYTES + 2 + MAX_PROVIDER_INFO_BYTES + 2 + MAX_EDK_BYTES) + TAIL_BYTES;

  private final int chunkSizeLog2;
  private final Map<String, String> context;
  private final List<EncryptedDataKey> edks;
  private final byte[] salt;
  private final byte[] commitment;
  /** The header without its nonce: bound prefix || commitment. */
  private final byte[] fixed;

  private EnvelopeHeader(int chunkSizeLog2, Map<String, String> context, List<EncryptedDataKey> edks,
                         byte[] salt, byte[] commitment, byte[] fixed) {
    this.chunkSizeLog2 = chunkSizeLog2;
    this.context = context;
    this.edks = edks;
    this.salt = salt;
    this.commitment = commitment;
    this.fixed = fixed;
  }

  /** The bound prefix {@code H}: every byte from {@code version} to the end of the salt. */
  static byte[] encodeBoundPrefix(int chunkSizeLog2, Map<String, String> context, List<EncryptedDataKey> edks,
                                  byte[] salt) {
    byte[] ctx = EncryptionContext.encode(context);
    if (chunkSizeLog2 < CiphertextHeader.MIN_CHUNK_SIZE_LOG2 || chunkSizeLog2 > CiphertextHeader.MAX_CHUNK_SIZE_LOG2
        || edks.isEmpty() || edks.size() > MAX_EDKS || salt.length != DataKeyDerivation.SALT_BYTES) {
      throw new IllegalArgumentException("suite 2 header field out of range");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(VERSION);
    out.write(SUITE);
    out.write(chunkSizeLog2);
    writeField(out, ctx, 0, 0xFFFF);
    writeU16(out, edks.size());
    for (EncryptedDataKey e : edks) {
      writeField(out, printable(e.providerId(), "provider id"), 1, MAX_PROVIDER_ID_BYTES);
      writeField(out, printable(e.providerInfo(), "provider info"), 1, MAX_PROVIDER_INFO_BYTES);
      writeField(out, e.ciphertext(), 1, MAX_EDK_BYTES);
    }
    out.writeBytes(salt);
    return out.toByteArray();
  }

  private static byte[] printable(String s, String what) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    for (byte c : b) {
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException("the " + what + " is not printable ASCII");
      }
    }
    return b;
  }

  private static void writeField(ByteArrayOutputStream out, byte[] b, int min, int max) {
    if (b.length < min || b.length > max) {
      throw new IllegalArgumentException("a suite 2 header field of " + b.length + " bytes is outside " + min
          + ".." + max);
    }
    writeU16(out, b.length);
    out.writeBytes(b);
  }

  private static void writeU16(ByteArrayOutputStream out, int v) {
    out.write(v >>> 8);
    out.write(v);
  }

  /**
   * The whole header's length when {@code b[off..off+have)} holds enough of it to tell, otherwise
   * {@code -1}; each length is checked against its bound as it is met.
   */
  static int completeLength(byte[] b, int off, int have) throws AEADBadTagException {
    if (have < 5) {
      if (have >= 3) {
        checkPrefix(b, off);
      }
      return -1;
    }
    checkPrefix(b, off);
    int p = 3;
    p += 2 + u16(b, off + p);
    if (have < p + 2) {
      return -1;
    }
    int count = u16(b, off + p);
    if (count < 1 || count > MAX_EDKS) {
      throw malformed(count + " encrypted data keys, outside 1.." + MAX_EDKS);
    }
    p += 2;
    int[][] bounds = {{1, MAX_PROVIDER_ID_BYTES}, {1, MAX_PROVIDER_INFO_BYTES}, {1, MAX_EDK_BYTES}};
    for (int i = 0; i < count; i++) {
      for (int[] bound : bounds) {
        if (have < p + 2) {
          return -1;
        }
        int n = u16(b, off + p);
        if (n < bound[0] || n > bound[1]) {
          throw malformed("an encrypted data key field of " + n + " bytes, outside " + bound[0] + ".." + bound[1]);
        }
        p += 2 + n;
      }
    }
    return p + TAIL_BYTES;
  }

  private static void checkPrefix(byte[] b, int off) throws AEADBadTagException {
    if ((b[off] & 0xff) != VERSION || (b[off + 1] & 0xff) != SUITE) {
      throw malformed("not a format 2, suite 2 (KMS envelope) ciphertext");
    }
    int log2 = b[off + 2] & 0xff;
    if (log2 < CiphertextHeader.MIN_CHUNK_SIZE_LOG2 || log2 > CiphertextHeader.MAX_CHUNK_SIZE_LOG2) {
      throw malformed("chunk size 2^" + log2 + " outside 2^8..2^24");
    }
  }

  /** Parses a header of exactly {@code length} bytes, as {@link #completeLength} announced. */
  static EnvelopeHeader parse(byte[] b, int off, int length) throws AEADBadTagException {
    if (completeLength(b, off, length) != length) {
      throw malformed("truncated header");
    }
    ByteBuffer in = ByteBuffer.wrap(b, off, length);
    in.position(off + 3);
    byte[] ctxBytes = field(in);
    Map<String, String> context = decodeContext(ctxBytes);
    int count = in.getShort() & 0xffff;
    List<EncryptedDataKey> edks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String id = ascii(field(in), "provider id");
      String info = ascii(field(in), "provider info");
      edks.add(new EncryptedDataKey(id, info, field(in)));
    }
    byte[] salt = new byte[DataKeyDerivation.SALT_BYTES];
    in.get(salt);
    byte[] commitment = new byte[DataKeyDerivation.COMMITMENT_BYTES];
    in.get(commitment);
    return new EnvelopeHeader(b[off + 2], context, Collections.unmodifiableList(edks), salt, commitment,
        Arrays.copyOfRange(b, off, off + length - AesGcmCore.NONCE_BYTES));
  }

  private static byte[] field(ByteBuffer in) {
    byte[] f = new byte[in.getShort() & 0xffff];
    in.get(f);
    return f;
  }

  private static String ascii(byte[] b, String what) throws AEADBadTagException {
    for (byte c : b) {
      if (c < 0x21 || c > 0x7e) {
        throw malformed("the " + what + " of an encrypted data key is not printable ASCII");
      }
    }
    return new String(b, StandardCharsets.US_ASCII);
  }

  /** The context, refused unless {@link EncryptionContext#encode} would produce exactly these bytes. */
  private static Map<String, String> decodeContext(byte[] bytes) throws AEADBadTagException {
    if (bytes.length == 0) {
      return Map.of();
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    Map<String, String> context = new LinkedHashMap<>();
    try {
      int count = in.getShort() & 0xffff;
      for (int i = 0; i < count; i++) {
        String k = utf8(in);
        String v = utf8(in);
        if (context.put(k, v) != null) {
          throw malformed("the encryption context repeats the key '" + k + "'");
        }
      }
    } catch (java.nio.BufferUnderflowException e) {
      throw malformed("the encryption context ends early");
    }
    if (in.hasRemaining() || !Arrays.equals(EncryptionContext.encode(context), bytes)) {
      throw malformed("the encryption context is not in canonical form");
    }
    return Collections.unmodifiableMap(context);
  }

  private static String utf8(ByteBuffer in) throws AEADBadTagException {
    byte[] b = new byte[in.getShort() & 0xffff];
    in.get(b);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      throw malformed("the encryption context holds invalid UTF-8");
    }
  }

  private static int u16(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }

  private static AEADBadTagException malformed(String why) {
    return new AEADBadTagException("Malformed MRK ciphertext (suite 2): " + why);
  }

  int chunkSizeLog2() {
    return chunkSizeLog2;
  }

  Map<String, String> context() {
    return context;
  }

  List<EncryptedDataKey> edks() {
    return edks;
  }

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

  byte[] fixedPart() {
    return fixed;
  }

  int length() {
    return fixed.length + AesGcmCore.NONCE_BYTES;
  }
}
