package io.mrk.internal.cipher;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * Decrypts one message at a time from header || chunks, releasing a chunk's plaintext only after
 * its tag has verified (spec/ciphertext-format.md, "Decryption").
 *
 * <p>It holds back the latest complete chunk until more input or the end of the message decides
 * whether it is the last one, so memory is bounded by the chunk size. Buffers for the header and the
 * held-back chunk grow with the bytes actually received, never to a size an unauthenticated header
 * field announces. The first failure is kept: from then on nothing more is released and
 * {@link #doFinal} throws it. Not thread-safe.
 */
final class ChunkedDecryptor {

  private static final byte[] NO_BYTES = new byte[0];
  /** The first size of a buffer that grows with input: one chunk of the smallest legal size. */
  private static final int FIRST_BUFFER_BYTES = (1 << CiphertextHeader.MIN_CHUNK_SIZE_LOG2) + AesGcmCore.TAG_BYTES;

  private final AesGcmCore core;
  private final HeaderKeyResolver keys;
  private final byte[] chunkNonce = new byte[AesGcmCore.NONCE_BYTES];
  private final byte[] baseNonce = new byte[AesGcmCore.NONCE_BYTES];
  private byte[] expectedNonce;
  private byte[] aad = NO_BYTES;
  private int aadLength;
  private byte[] headerBytes = NO_BYTES;
  private int headerHave;
  private int headerNeeded;
  private CiphertextHeader header;
  private CiphertextHeader previousHeader;
  private DerivedKey committedKey;
  private CiphertextHeader committedHeader;
  private DerivedKey key;
  private final ChunkHoldBack held = new ChunkHoldBack(FIRST_BUFFER_BYTES, this::open);
  private int chunkSize;
  private long chunkIndex;
  private int released;
  private GeneralSecurityException failure;

  ChunkedDecryptor(AesGcmCore core, HeaderKeyResolver keys) {
    this.core = core;
    this.keys = keys;
  }

  /**
   * Starts a message; {@code expectedNonce}, when not null, is the
   * base nonce the caller passed to {@code init} and the header must carry.
   */
  void start(byte[] expectedNonce) {
    this.aad = NO_BYTES;
    this.aadLength = 0;
    this.expectedNonce = expectedNonce;
    headerHave = 0;
    headerNeeded = -1;
    header = null;
    key = null;
    held.clear();
    chunkIndex = 0;
    failure = null;
  }

  /**
   * Sets the caller's AAD, the first {@code aadLength} bytes of {@code aad}, complete before the first
   * byte of ciphertext and left unchanged until the message ends.
   */
  void bindAad(byte[] aad, int aadLength) {
    this.aad = aad;
    this.aadLength = aadLength;
  }

  /** The header of the current message, or null before it has been read. */
  CiphertextHeader header() {
    return header;
  }

  /** The current message's base nonce once its header was read; never modify it. */
  byte[] baseNonce() {
    return baseNonce;
  }

  /** The plaintext bytes written by the current or last {@link #doFinal} call, for wiping on failure. */
  int releasedByDoFinal() {
    return released;
  }

  /** The bytes held by the header and hold-back buffers, which grow with input; for tests. */
  long bufferBytes() {
    return (long) headerBytes.length + held.capacity();
  }

  /** The exact number of bytes {@link #update} writes for these input bytes if all verify. */
  long updateLength(byte[] in, int off, int n) {
    long chunkBytes = chunkBytesAfter(in, off, n);
    if (chunkBytes < 0) {
      return 0;
    }
    long unit = (long) chunkSizeAfter(in, off, n) + AesGcmCore.TAG_BYTES;
    long full = chunkBytes > unit ? (chunkBytes - 1) / unit : 0;
    return full * (unit - AesGcmCore.TAG_BYTES);
  }

  /**
   * The exact number of bytes {@link #doFinal} writes for these input bytes if all verify, and never
   * less than it writes before failing on a malformed final chunk.
   */
  long finalLength(byte[] in, int off, int n) {
    long chunkBytes = chunkBytesAfter(in, off, n);
    if (chunkBytes < AesGcmCore.TAG_BYTES) {
      return 0;
    }
    long unit = (long) chunkSizeAfter(in, off, n) + AesGcmCore.TAG_BYTES;
    long full = (chunkBytes - 1) / unit;
    long last = chunkBytes - full * unit;
    return full * (unit - AesGcmCore.TAG_BYTES) + Math.max(0, last - AesGcmCore.TAG_BYTES);
  }

  /** An upper bound of the output for {@code n} more bytes, for {@code getOutputSize}. */
  long outputBound(int n) {
    long buffered = header == null ? headerHave - CiphertextHeader.MIN_BYTES : held.length();
    return Math.max(0, buffered + n - AesGcmCore.TAG_BYTES);
  }

  /** Decrypts every verified chunk known not to be the last; returns the bytes written. */
  int update(byte[] in, int off, int n, byte[] out, int outOff) {
    if (failure != null) {
      return 0;
    }
    try {
      if (header == null) {
        int used = absorbHeader(in, off, n);
        off += used;
        n -= used;
        if (header == null) {
          return 0;
        }
      }
    } catch (GeneralSecurityException e) {
      return 0;
    }
    return openChunks(in, off, n, out, outOff);
  }

  /**
   * Decrypts the rest and verifies the final chunk; returns the bytes written. When no chunk bytes
   * are held back, the chunks are opened straight from {@code in}, so a one-shot message is never
   * copied.
   */
  int doFinal(byte[] in, int off, int n, byte[] out, int outOff) throws GeneralSecurityException {
    released = 0;
    if (failure == null && header == null) {
      int used = absorbHeader(in, off, n);
      off += used;
      n -= used;
    }
    if (failure == null && header != null && held.length() == 0) {
      return openAll(in, off, n, out, outOff);
    }
    int written = update(in, off, n, out, outOff);
    if (failure != null) {
      throw failure;
    }
    if (header == null) {
      throw new AEADBadTagException("Malformed MRK ciphertext: truncated header ("
          + headerHave + " bytes)");
    }
    if (held.length() < AesGcmCore.TAG_BYTES) {
      throw truncatedChunk();
    }
    written += held.openLast(out, outOff + written);
    return written;
  }

  /** Opens {@code in}, all of the message's remaining chunks, the last one taken as the last. */
  private int openAll(byte[] in, int off, int n, byte[] out, int outOff) throws GeneralSecurityException {
    int unit = chunkSize + AesGcmCore.TAG_BYTES;
    int o = outOff;
    while (n > unit) {
      o += open(in, off, unit, false, out, o);
      off += unit;
      n -= unit;
    }
    if (n < AesGcmCore.TAG_BYTES) {
      throw truncatedChunk();
    }
    o += open(in, off, n, true, out, o);
    return o - outOff;
  }

  private AEADBadTagException truncatedChunk() {
    return new AEADBadTagException("Malformed MRK ciphertext: truncated, chunk " + chunkIndex
        + " is missing or shorter than its tag");
  }

  /** Reads header bytes; a failure is kept as {@link #failure} and thrown. */
  private int absorbHeader(byte[] in, int off, int n) throws GeneralSecurityException {
    try {
      return readHeader(in, off, n);
    } catch (GeneralSecurityException e) {
      failure = e;
      throw e;
    }
  }

  private int readHeader(byte[] in, int off, int n) throws GeneralSecurityException {
    if (headerHave == 0 && n >= CiphertextHeader.PREFIX_BYTES) {
      int total = CiphertextHeader.announcedLength(in, off);
      if (n >= total) {
        accept(in, off, total);
        return total;
      }
    }
    int used = 0;
    if (headerNeeded < 0) {
      int take = Math.min(CiphertextHeader.PREFIX_BYTES - headerHave, n);
      appendHeader(in, off, take);
      used = take;
      if (headerHave < CiphertextHeader.PREFIX_BYTES) {
        return used;
      }
      headerNeeded = CiphertextHeader.announcedLength(headerBytes, 0);
    }
    int take = Math.min(headerNeeded - headerHave, n - used);
    appendHeader(in, off + used, take);
    used += take;
    if (headerHave == headerNeeded) {
      accept(headerBytes, 0, headerHave);
    }
    return used;
  }

  /** Appends to the header buffer, which grows with the bytes received, not the length announced. */
  private void appendHeader(byte[] in, int off, int n) {
    int needed = headerHave + n;
    if (headerBytes.length < needed) {
      headerBytes = Arrays.copyOf(headerBytes, Math.max(needed, Math.min(2 * headerBytes.length,
          CiphertextHeader.MAX_BYTES)));
    }
    System.arraycopy(in, off, headerBytes, headerHave, n);
    headerHave = needed;
  }

  /** Takes the complete header {@code b[off..off+length)}: parse (or reuse), nonce, key, commitment. */
  private void accept(byte[] b, int off, int length) throws GeneralSecurityException {
    CiphertextHeader last = previousHeader;
    CiphertextHeader parsed = last != null && last.length() == length && last.sameFixedPart(b, off)
        ? last : CiphertextHeader.parse(b, off, length);
    System.arraycopy(b, off + parsed.nonceOffset(), baseNonce, 0, AesGcmCore.NONCE_BYTES);
    if (expectedNonce != null && !MessageDigest.isEqual(expectedNonce, baseNonce)) {
      throw new AEADBadTagException("The IV passed to Cipher.init does not match the ciphertext's nonce");
    }
    DerivedKey derived = keys.keyFor(parsed);
    // Key and header commitment: only this material derives this value from this bound prefix.
    // A header equal to one already verified with this very derived key needs no second comparison.
    boolean verified = derived == committedKey && parsed == committedHeader;
    if (!verified && !MessageDigest.isEqual(derived.commitment(), parsed.commitment())) {
      throw new AEADBadTagException("MRK ciphertext failed its key commitment check: its header was "
          + "altered (key ARN, chunk size, material or salt), or it was not made with material "
          + parsed.materialId() + " of version " + parsed.materialVersion());
    }
    committedKey = derived;
    committedHeader = parsed;
    previousHeader = parsed;
    chunkSize = 1 << parsed.chunkSizeLog2();
    header = parsed;
    key = derived;
  }

  private int openChunks(byte[] in, int off, int n, byte[] out, int outOff) {
    int written = held.release(in, off, n, chunkSize + AesGcmCore.TAG_BYTES, out, outOff);
    if (held.failure() != null) {
      failure = held.failure();
    }
    return written;
  }

  private int open(byte[] in, int off, int len, boolean last, byte[] out, int outOff)
      throws GeneralSecurityException {
    if (chunkIndex >= ChunkNonce.MAX_CHUNKS) {
      throw new AEADBadTagException("Malformed MRK ciphertext: more than 2^32 chunks");
    }
    ChunkNonce.compute(baseNonce, chunkIndex, last, chunkNonce);
    boolean first = chunkIndex == 0;
    try {
      int written = core.open(key.dataKey(), chunkNonce, first ? aad : NO_BYTES, first ? aadLength : 0,
          in, off, len, out, outOff);
      chunkIndex++;
      released += written;
      return written;
    } catch (AEADBadTagException e) {
      throw new AEADBadTagException("MRK ciphertext failed authentication at chunk " + chunkIndex
          + (last ? " (taken as the last)" : "") + ": it was altered, truncated, reordered or "
          + "extended, or the AAD differs");
    }
  }

  private long chunkBytesAfter(byte[] in, int off, int n) {
    if (failure != null) {
      return -1;
    }
    if (header != null) {
      return (long) held.length() + n;
    }
    int length = peekHeaderLength(in, off, n);
    return length < 0 ? -1 : Math.max(-1, (long) headerHave + n - length);
  }

  private int chunkSizeAfter(byte[] in, int off, int n) {
    if (header != null) {
      return chunkSize;
    }
    return 1 << (peekByte(2, in, off) & 0xff);
  }

  private int peekHeaderLength(byte[] in, int off, int n) {
    if (headerHave + n < CiphertextHeader.PREFIX_BYTES) {
      return -1;
    }
    if (headerHave == 0) {
      try {
        return CiphertextHeader.announcedLength(in, off);
      } catch (AEADBadTagException e) {
        return -1;
      }
    }
    byte[] prefix = new byte[CiphertextHeader.PREFIX_BYTES];
    for (int i = 0; i < prefix.length; i++) {
      prefix[i] = peekByte(i, in, off);
    }
    try {
      return CiphertextHeader.announcedLength(prefix, 0);
    } catch (AEADBadTagException e) {
      return -1;
    }
  }

  private byte peekByte(int i, byte[] in, int off) {
    return i < headerHave ? headerBytes[i] : in[off + i - headerHave];
  }
}

