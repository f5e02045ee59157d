package io.mrk.internal.cipher;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A salt, the data key and commitment derived from it, and the header prefix they imply, shared by
 * many messages so that a short message pays no HKDF.
 *
 * <p>Every chunk encrypted under the session counts against {@link #CHUNK_LIMIT}; once it is reached
 * the session is retired and new messages take a fresh salt, hence a fresh data key. Messages already
 * under way finish with their session. Thread-safe.
 */
final class EncryptionSession {

  /**
   * 2^24 chunk encryptions per data key. With random 96-bit nonces the collision probability after q
   * encryptions is about q^2 / 2^97 (NIST SP 800-38D section 8.3); summed over sessions it is at most
   * (q_max / 2^97) times the total number of chunks, so 2^48 chunks per multi-Region key stay below
   * 2^-25. A new session costs one HKDF, about every 16 million chunks.
   */
  static final long CHUNK_LIMIT = 1L << 24;

  private final int chunkSizeLog2;
  private final DerivedKey key;
  private final byte[] headerPrefix;
  private final AtomicLong chunks = new AtomicLong();

  EncryptionSession(int chunkSizeLog2, DerivedKey key, byte[] headerPrefix) {
    this.chunkSizeLog2 = chunkSizeLog2;
    this.key = key;
    this.headerPrefix = headerPrefix;
  }

  int chunkSizeLog2() {
    return chunkSizeLog2;
  }

  DerivedKey key() {
    return key;
  }

  /** The header of a message with base nonce {@code nonce}. */
  byte[] header(byte[] nonce) {
    return CiphertextHeader.encode(headerPrefix, nonce, key.commitment());
  }

  /**
   * Rewrites the base nonce of {@code header}, a header of this session from {@link #header}, to
   * {@code nonce}: the only field that differs between its messages.
   */
  void writeNonce(byte[] nonce, byte[] header) {
    System.arraycopy(nonce, 0, header, headerPrefix.length, AesGcmCore.NONCE_BYTES);
  }

  /** The length of every header this session writes. */
  int headerLength() {
    return headerPrefix.length + AesGcmCore.NONCE_BYTES + DataKeyDerivation.COMMITMENT_BYTES;
  }

  /** Counts one chunk encryption. */
  void countChunk() {
    chunks.incrementAndGet();
  }

  /** True once the session has encrypted {@link #CHUNK_LIMIT} chunks; start no new message with it. */
  boolean retired() {
    return chunks.get() >= CHUNK_LIMIT;
  }
}
