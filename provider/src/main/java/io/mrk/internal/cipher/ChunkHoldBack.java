package io.mrk.internal.cipher;

import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * The chunk-by-chunk release of both decryptors (suite 1 and suite 2): input is cut into sealed
 * chunks of {@code chunk size + tag} bytes, each opened (its tag verified) before its plaintext is
 * released, and the latest complete chunk is held back because only {@code doFinal} knows whether
 * it is the last one (STREAM's last flag, spec/ciphertext-format.md section 3).
 *
 * <p>The buffer starts at {@code firstBufferBytes} and doubles with the bytes actually held, up to one
 * chunk of the message's chunk size: nothing is allocated from a size the input merely announces.
 * After an opener fails, {@link #failure()} holds the exception and nothing more is opened.
 */
final class ChunkHoldBack {

  /** Opens one sealed chunk into {@code out}, returning the plaintext bytes written. */
  @FunctionalInterface
  interface Opener {
    int open(byte[] in, int off, int len, boolean last, byte[] out, int outOff) throws GeneralSecurityException;
  }

  private final int firstBufferBytes;
  private final Opener opener;
  private byte[] pending = new byte[0];
  private int length;
  private GeneralSecurityException failure;

  ChunkHoldBack(int firstBufferBytes, Opener opener) {
    this.firstBufferBytes = firstBufferBytes;
    this.opener = opener;
  }

  /** Empties the held chunk and forgets a failure: the next message starts. */
  void clear() {
    length = 0;
    failure = null;
  }

  /** The bytes held back. */
  int length() {
    return length;
  }

  /** The buffer's size now (bounded by one chunk). */
  int capacity() {
    return pending.length;
  }

  /** The failure of the last {@link #release}, or {@code null}. */
  GeneralSecurityException failure() {
    return failure;
  }

  /**
   * Opens every chunk of the held bytes plus {@code in[off, off + n)} except the latest complete one,
   * which stays held with any partial chunk, and returns the plaintext bytes written at {@code outOff}.
   * On a failure it stops, keeps it ({@link #failure()}) and returns what was written before it.
   */
  int release(byte[] in, int off, int n, int unit, byte[] out, int outOff) {
    int o = outOff;
    try {
      while (length + n > unit) {
        if (length == 0) {
          o += opener.open(in, off, unit, false, out, o);
          off += unit;
          n -= unit;
        } else {
          int take = unit - length;
          hold(in, off, take, unit);
          off += take;
          n -= take;
          length = 0;
          o += opener.open(pending, 0, unit, false, out, o);
        }
      }
    } catch (GeneralSecurityException e) {
      failure = e;
      return o - outOff;
    }
    hold(in, off, n, unit);
    return o - outOff;
  }

  /** Opens the held bytes as the last chunk and empties the hold; the caller checks {@link #length()} first. */
  int openLast(byte[] out, int outOff) throws GeneralSecurityException {
    int written = opener.open(pending, 0, length, true, out, outOff);
    length = 0;
    return written;
  }

  private void hold(byte[] in, int off, int n, int unit) {
    if (n == 0) {
      return;
    }
    int needed = length + n;
    if (pending.length < needed) {
      pending = Arrays.copyOf(pending, Math.min(unit, Math.max(needed, Math.max(firstBufferBytes, 2 * pending.length))));
    }
    System.arraycopy(in, off, pending, length, n);
    length = needed;
  }
}
