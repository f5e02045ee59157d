package io.mrk.internal.cipher;

import java.security.GeneralSecurityException;
import java.security.ProviderException;
import java.util.Arrays;

/**
 * Encrypts one message at a time into header || chunks (spec/ciphertext-format.md, "Chunks").
 *
 * <p>It holds back up to one chunk of plaintext, because a chunk of exactly the chunk size may be the
 * last one; memory is bounded by the chunk size whatever the message size, and the hold-back buffer
 * is allocated only when {@link #update} has something to hold. {@link #doFinal} seals straight from
 * the caller's input when nothing is held back, so a one-shot message is never copied. The header is
 * the session's, with the message's nonce. Every chunk reserves its place in the session's budget
 * before it is sealed. Not thread-safe.
 */
final class ChunkedEncryptor {

  private static final byte[] NO_BYTES = new byte[0];

  private final AesGcmCore core;
  private final byte[] chunkNonce = new byte[AesGcmCore.NONCE_BYTES];
  private EncryptionSession session;
  private byte[] baseNonce;
  private byte[] aad = NO_BYTES;
  private int aadLength;
  private int headerLength;
  private byte[] pending = NO_BYTES;
  private int pendingLength;
  private int chunkSize;
  private long chunkIndex;
  private boolean headerWritten;

  ChunkedEncryptor(AesGcmCore core) {
    this.core = core;
  }

  /**
   * Starts a message; the first {@code aadLength} bytes of {@code aad} are the caller's AAD, complete
   * before the first byte of data and left unchanged until the message ends (chunk 0's AAD).
   */
  void start(EncryptionSession session, byte[] baseNonce, byte[] aad, int aadLength) {
    this.session = session;
    this.baseNonce = baseNonce;
    this.aad = aad;
    this.aadLength = aadLength;
    headerLength = session.headerLength();
    chunkSize = 1 << session.chunkSizeLog2();
    pendingLength = 0;
    chunkIndex = 0;
    headerWritten = false;
  }

  /** The exact number of bytes {@link #update} ({@code last} false) or {@link #doFinal} writes. */
  long outputLength(int n, boolean last) {
    return outputLength(headerWritten ? 0 : headerLength, pendingLength, chunkSize, n, last);
  }

  /**
   * The exact output of {@code n} more input bytes for a message whose unwritten header is
   * {@code headerPending} bytes long and which holds back {@code pendingLength} bytes.
   */
  static long outputLength(int headerPending, int pendingLength, int chunkSize, int n, boolean last) {
    long total = (long) pendingLength + n;
    if (last) {
      long chunks = total == 0 ? 1 : (total + chunkSize - 1) / chunkSize;
      return headerPending + total + chunks * AesGcmCore.TAG_BYTES;
    }
    long fullChunks = total > chunkSize ? (total - 1) / chunkSize : 0;
    return headerPending + fullChunks * (chunkSize + AesGcmCore.TAG_BYTES);
  }

  /** Encrypts every chunk known not to be the last; returns the bytes written. */
  int update(byte[] in, int inOff, int n, byte[] out, int outOff) {
    int o = outOff + writeHeaderOnce(out, outOff);
    while (pendingLength + n > chunkSize) {
      if (pendingLength == 0) {
        o += seal(in, inOff, chunkSize, false, out, o);
        inOff += chunkSize;
        n -= chunkSize;
      } else {
        int take = chunkSize - pendingLength;
        hold(in, inOff, take);
        inOff += take;
        n -= take;
        pendingLength = 0;
        o += seal(pending, 0, chunkSize, false, out, o);
      }
    }
    hold(in, inOff, n);
    return o - outOff;
  }

  /** Encrypts the rest and the final chunk; returns the bytes written. The message is then over. */
  int doFinal(byte[] in, int inOff, int n, byte[] out, int outOff) {
    int o = outOff + writeHeaderOnce(out, outOff);
    if (pendingLength > 0) {
      int take = Math.min(chunkSize - pendingLength, n);
      hold(in, inOff, take);
      inOff += take;
      n -= take;
      boolean last = n == 0;
      o += seal(pending, 0, pendingLength, last, out, o);
      pendingLength = 0;
      if (last) {
        return o - outOff;
      }
    }
    while (n > chunkSize) {
      o += seal(in, inOff, chunkSize, false, out, o);
      inOff += chunkSize;
      n -= chunkSize;
    }
    o += seal(in, inOff, n, true, out, o);
    return o - outOff;
  }

  /** Appends {@code n} bytes to the hold-back buffer, growing it to what it holds (at most a chunk). */
  private void hold(byte[] in, int inOff, int n) {
    if (n == 0) {
      return;
    }
    int needed = pendingLength + n;
    if (pending.length < needed) {
      pending = Arrays.copyOf(pending, Math.min(chunkSize, Math.max(needed, 2 * pending.length)));
    }
    System.arraycopy(in, inOff, pending, pendingLength, n);
    pendingLength = needed;
  }

  private int writeHeaderOnce(byte[] out, int outOff) {
    if (headerWritten) {
      return 0;
    }
    session.writeHeader(baseNonce, out, outOff);
    headerWritten = true;
    return headerLength;
  }

  private int seal(byte[] in, int inOff, int len, boolean last, byte[] out, int outOff) {
    if (!session.reserveChunk()) {
      throw new IllegalStateException("this message would take its encryption session past its budget of "
          + session.limit() + " chunks under one data key; it was stopped (start a new message)");
    }
    ChunkNonce.compute(baseNonce, chunkIndex, last, chunkNonce);
    try {
      boolean first = chunkIndex == 0;
      int written = core.seal(session.key().dataKey(), chunkNonce, first ? aad : NO_BYTES,
          first ? aadLength : 0, in, inOff, len, out, outOff);
      chunkIndex++;
      return written;
    } catch (GeneralSecurityException e) {
      throw new ProviderException("AES-GCM encryption failed", e);
    }
  }
}
