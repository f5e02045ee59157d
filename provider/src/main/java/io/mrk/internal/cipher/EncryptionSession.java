package io.mrk.internal.cipher;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A salt, the data key and commitment derived from it, and the header they imply, shared by many
 * messages so that a short message pays no HKDF.
 *
 * <p>The session's budget of chunk encryptions is enforced per chunk: every chunk reserves its slot
 * with one atomic increment before it is sealed, and a reservation past the budget is refused, so no
 * interleaving of messages and threads ever encrypts more than {@link #limit()} chunks under one data
 * key. A new message starts in a session only while at least {@link #HEADROOM} chunks are left
 * ({@link #acceptsNewMessage}), so the messages under way when the session retires normally finish in
 * it; one that finds the budget spent fails rather than exceed it. Thread-safe.
 */
final class EncryptionSession {

  /**
   * 2^24 chunk encryptions per data key. With random 96-bit nonces the collision probability after q
   * encryptions is about q^2 / 2^97 (NIST SP 800-38D section 8.3); summed over sessions it is at most
   * (q_max / 2^97) times the total number of chunks, so 2^48 chunks per multi-Region key stay below
   * 2^-25. A new session costs one HKDF, about every 16 million chunks.
   */
  static final long CHUNK_LIMIT = 1L << 24;
  /** Chunks a session must still have for a new message to start in it: 2^20 chunks, 64 GiB. */
  static final long HEADROOM = 1L << 20;

  private final int chunkSizeLog2;
  private final DerivedKey key;
  private final byte[] headerFixed;
  private final long limit;
  private final long headroom;
  private final AtomicLong chunks = new AtomicLong();

  EncryptionSession(int chunkSizeLog2, DerivedKey key, byte[] boundPrefix) {
    this(chunkSizeLog2, key, boundPrefix, CHUNK_LIMIT, HEADROOM);
  }

  /** A session with another budget, for tests of the budget itself. */
  EncryptionSession(int chunkSizeLog2, DerivedKey key, byte[] boundPrefix, long limit, long headroom) {
    this.chunkSizeLog2 = chunkSizeLog2;
    this.key = key;
    this.headerFixed = java.util.Arrays.copyOf(boundPrefix, boundPrefix.length + DataKeyDerivation.COMMITMENT_BYTES);
    System.arraycopy(key.commitment(), 0, headerFixed, boundPrefix.length, DataKeyDerivation.COMMITMENT_BYTES);
    this.limit = limit;
    this.headroom = Math.min(headroom, limit);
  }

  int chunkSizeLog2() {
    return chunkSizeLog2;
  }

  DerivedKey key() {
    return key;
  }

  /** Writes this session's header with base nonce {@code nonce} at {@code out[off..)}. */
  void writeHeader(byte[] nonce, byte[] out, int off) {
    System.arraycopy(headerFixed, 0, out, off, headerFixed.length);
    System.arraycopy(nonce, 0, out, off + headerFixed.length, AesGcmCore.NONCE_BYTES);
  }

  /** The length of every header this session writes. */
  int headerLength() {
    return headerFixed.length + AesGcmCore.NONCE_BYTES;
  }

  /**
   * Reserves one chunk encryption; false (and nothing reserved) once the budget is spent. The
   * counter may pass the limit by refused attempts, never by sealed chunks.
   */
  boolean reserveChunk() {
    return chunks.getAndIncrement() < limit;
  }

  /** The chunks reserved so far, refused attempts included; for tests. */
  long reserved() {
    return chunks.get();
  }

  long limit() {
    return limit;
  }

  /** True while a new message may start here: at least the headroom of the budget is left. */
  boolean acceptsNewMessage() {
    return chunks.get() <= limit - headroom;
  }
}
