package io.mrk.internal.cipher;

/**
 * The per-chunk nonce of the STREAM construction (Hoang, Reyhanitabar, Rogaway and Vizar, "Online
 * Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance", CRYPTO 2015, section 7): the
 * message's random base nonce XOR (seven zero bytes || u32 chunk index || last-chunk flag).
 *
 * <p>The index rules out reordering and the flag rules out truncation at a chunk boundary and
 * extension past the real last chunk.
 */
final class ChunkNonce {

  /** A message holds at most 2^32 chunks, the range of the u32 index. */
  static final long MAX_CHUNKS = 1L << 32;

  private ChunkNonce() {}

  /** Writes the nonce of chunk {@code index} into {@code out}, which must be 12 bytes. */
  static void compute(byte[] base, long index, boolean last, byte[] out) {
    if (index < 0 || index >= MAX_CHUNKS) {
      throw new IllegalStateException("a message may hold at most 2^32 chunks");
    }
    System.arraycopy(base, 0, out, 0, AesGcmCore.NONCE_BYTES);
    out[7] ^= (byte) (index >>> 24);
    out[8] ^= (byte) (index >>> 16);
    out[9] ^= (byte) (index >>> 8);
    out[10] ^= (byte) index;
    out[11] ^= (byte) (last ? 1 : 0);
  }
}
