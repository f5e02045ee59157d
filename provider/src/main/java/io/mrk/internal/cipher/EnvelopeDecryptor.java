package io.mrk.internal.cipher;

import io.mrk.spi.EncryptedDataKey;
import io.mrk.spi.EnvelopeKey;
import io.mrk.kms.MultiRegionKeyMatch;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;

/**
 * Decrypts one suite 2 message at a time in the order of spec/ciphertext-suite-2.md, section 3:
 * header under its bounds, then the encrypted data keys in header order (at most
 * {@link #MAX_ATTEMPTS}) through the AWS Encryption SDK's MRK-aware match, then the commitment,
 * compared before any chunk, then the chunks as in suite 1, each released only after its tag verified.
 *
 * <p>The header buffer grows with the bytes received up to {@link EnvelopeHeader#MAX_BYTES}; the
 * held-back chunk grows up to one chunk. The first failure is kept and thrown by {@link #doFinal};
 * nothing is released after it. Not thread-safe.
 */
final class EnvelopeDecryptor {

  /** The spec's default {@code maxAttempts}. */
  static final int MAX_ATTEMPTS = 16;
  private static final byte[] NO_BYTES = new byte[0];

  private final AesGcmCore core;
  private final byte[] chunkNonce = new byte[AesGcmCore.NONCE_BYTES];
  private final byte[] baseNonce = new byte[AesGcmCore.NONCE_BYTES];
  private EnvelopeKey key;
  private byte[] expectedNonce;
  private Map<String, String> requiredContext;
  private byte[] aad = NO_BYTES;
  private int aadLength;
  private byte[] headerBytes = NO_BYTES;
  private int headerHave;
  private EnvelopeHeader header;
  private DerivedKey derived;
  private final ChunkHoldBack held = new ChunkHoldBack(1024, this::open);
  private int chunkSize;
  private long chunkIndex;
  private int released;
  private GeneralSecurityException failure;

  EnvelopeDecryptor(AesGcmCore core) {
    this.core = core;
  }

  void start(EnvelopeKey key, byte[] expectedNonce, Map<String, String> requiredContext) {
    this.key = key;
    this.expectedNonce = expectedNonce;
    this.requiredContext = requiredContext;
    aad = NO_BYTES;
    aadLength = 0;
    headerHave = 0;
    header = null;
    derived = null;
    held.clear();
    chunkIndex = 0;
    failure = null;
  }

  void bindAad(byte[] aad, int aadLength) {
    this.aad = aad;
    this.aadLength = aadLength;
  }

  boolean headerRead() {
    return header != null;
  }

  byte[] baseNonce() {
    return baseNonce;
  }

  int releasedByDoFinal() {
    return released;
  }

  /** An upper bound of what {@code n} more bytes release (all of it, in the worst case). */
  long outputBound(int n) {
    return (long) headerHave + held.length() + n;
  }

  int update(byte[] in, int off, int n, byte[] out, int outOff) {
    if (failure != null) {
      return 0;
    }
    if (header == null) {
      int used;
      try {
        used = absorbHeader(in, off, n);
      } catch (GeneralSecurityException e) {
        failure = e;
        return 0;
      }
      if (header == null) {
        return 0;
      }
      // Bytes the header buffer took past the header are the first chunk bytes; then the rest of the input.
      int surplus = headerHave - header.length();
      headerHave = 0;
      int o = surplus > 0 ? openChunks(headerBytes, header.length(), surplus, out, outOff) : 0;
      return failure != null ? o : o + openChunks(in, off + used, n - used, out, outOff + o);
    }
    return openChunks(in, off, n, out, outOff);
  }

  int doFinal(byte[] in, int off, int n, byte[] out, int outOff) throws GeneralSecurityException {
    released = 0;
    int written = update(in, off, n, out, outOff);
    released = written;
    if (failure != null) {
      throw failure;
    }
    if (header == null) {
      throw new AEADBadTagException("Malformed MRK ciphertext (suite 2): truncated header (" + headerHave + " bytes)");
    }
    if (held.length() < AesGcmCore.TAG_BYTES) {
      throw new AEADBadTagException("Malformed MRK ciphertext: truncated, chunk " + chunkIndex
          + " is missing or shorter than its tag");
    }
    written += held.openLast(out, outOff + written);
    released = written;
    return written;
  }

  /**
   * Takes header bytes and returns how many of {@code in} it used: straight from the caller's array
   * when it holds the whole header, otherwise through the header buffer, which may then hold bytes
   * past the header (the caller opens them as chunk bytes).
   */
  private int absorbHeader(byte[] in, int off, int n) throws GeneralSecurityException {
    if (headerHave == 0) {
      int length = EnvelopeHeader.completeLength(in, off, n);
      if (length >= 0 && length <= n) {
        accept(in, off, length);
        return length;
      }
    }
    int take = Math.min(n, EnvelopeHeader.MAX_BYTES - headerHave);
    int needed = headerHave + take;
    if (headerBytes.length < needed) {
      headerBytes = Arrays.copyOf(headerBytes, Math.max(needed, Math.min(2 * headerBytes.length,
          EnvelopeHeader.MAX_BYTES)));
    }
    System.arraycopy(in, off, headerBytes, headerHave, take);
    headerHave = needed;
    int length = EnvelopeHeader.completeLength(headerBytes, 0, headerHave);
    if (length >= 0 && length <= headerHave) {
      accept(headerBytes, 0, length);
    }
    return take;
  }

  private void accept(byte[] b, int off, int length) throws GeneralSecurityException {
    EnvelopeHeader parsed = EnvelopeHeader.parse(b, off, length);
    System.arraycopy(b, off + length - AesGcmCore.NONCE_BYTES, baseNonce, 0, AesGcmCore.NONCE_BYTES);
    if (expectedNonce != null && !MessageDigest.isEqual(expectedNonce, baseNonce)) {
      throw new AEADBadTagException("The IV passed to Cipher.init does not match the ciphertext's nonce");
    }
    if (requiredContext != null && !requiredContext.equals(parsed.context())) {
      throw new AEADBadTagException("The ciphertext's encryption context " + parsed.context().keySet()
          + " differs from the one passed to Cipher.init");
    }
    byte[] dk = dataKey(parsed);
    try {
      derived = DataKeyDerivation.derive(DataKeyDerivation.ENVELOPE_LABEL, dk, parsed.fixedPart(),
          parsed.boundLength(), parsed.salt());
    } finally {
      Arrays.fill(dk, (byte) 0);
    }
    // Key commitment (spec, section 3, step 3): before any chunk is opened.
    if (!MessageDigest.isEqual(derived.commitment(), parsed.commitment())) {
      throw new AEADBadTagException("MRK ciphertext failed its key commitment check: its header was altered"
          + " (encryption context, encrypted data keys, chunk size or salt), or the data key does not match");
    }
    header = parsed;
    chunkSize = 1 << parsed.chunkSizeLog2();
  }

  /**
   * The plaintext data key: the first EDK, in header order, that the handle's key matches under the
   * MRK-aware rule and KMS decrypts (aws-kms-mrk-match-for-decrypt.md). A KMS error moves to the next.
   */
  private byte[] dataKey(EnvelopeHeader parsed) throws BadPaddingException {
    List<BadPaddingException> errors = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    int attempts = Math.min(parsed.edks().size(), MAX_ATTEMPTS);
    for (int i = 0; i < attempts; i++) {
      EncryptedDataKey edk = parsed.edks().get(i);
      seen.add(edk.providerId() + ":" + edk.providerInfo());
      if (!EncryptedDataKey.AWS_KMS.equals(edk.providerId())
          || !MultiRegionKeyMatch.sameKeyForDecrypt(key.keyArn(), edk.providerInfo())) {
        continue;
      }
      try {
        byte[] dk = key.decryptDataKey(edk, parsed.context());
        if (dk.length != AesGcmCore.KEY_BYTES) {
          Arrays.fill(dk, (byte) 0);
          throw new BadPaddingException("KMS returned a data key of " + dk.length + " bytes, not 32");
        }
        return dk;
      } catch (BadPaddingException e) {
        errors.add(e);
      }
    }
    if (errors.isEmpty()) {
      throw new AEADBadTagException("IncorrectKeyException: the ciphertext's data key is encrypted under "
          + seen + ", none of which is " + key.keyArn() + " or a related multi-Region key of it");
    }
    BadPaddingException first = errors.get(0);
    BadPaddingException b = new BadPaddingException(first.getMessage()
        + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more encrypted data keys refused)" : ""));
    b.initCause(first.getCause() != null ? first.getCause() : first);
    for (int i = 1; i < errors.size(); i++) {
      b.addSuppressed(errors.get(i));
    }
    throw b;
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
      int written = core.open(derived.dataKey(), chunkNonce, first ? aad : NO_BYTES, first ? aadLength : 0,
          in, off, len, out, outOff);
      chunkIndex++;
      return written;
    } catch (AEADBadTagException e) {
      throw new AEADBadTagException("MRK ciphertext failed authentication at chunk " + chunkIndex
          + (last ? " (taken as the last)" : "") + ": it was altered, truncated, reordered or "
          + "extended, or the AAD differs");
    }
  }
}
