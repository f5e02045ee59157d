package io.mrk.internal.cipher;

import io.mrk.spi.EnvelopeKey;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A suite 2 encryption session (one {@code GenerateDataKey}, one salt, one derived key and header
 * prefix) with the plaintext bytes encrypted in it so far. Bytes are counted as the data enters the
 * cipher, whatever the message's final size: a new message starts here only while fewer than
 * {@code maxBytes} were encrypted, and a message that started finishes here, so the bytes under one
 * data key exceed {@code maxBytes} by at most the messages under way when the limit was crossed.
 * The chunk budget of suite 1 ({@link EncryptionSession}) applies on top. Thread-safe.
 */
final class EnvelopeSession implements EnvelopeKey.Session {

  private final EncryptionSession chunks;
  private final long maxBytes;
  private final AtomicLong bytes = new AtomicLong();

  EnvelopeSession(EncryptionSession chunks, long maxBytes) {
    this.chunks = chunks;
    this.maxBytes = maxBytes;
  }

  EncryptionSession chunks() {
    return chunks;
  }

  /** Counts {@code n} more plaintext bytes encrypted in this session. */
  void count(int n) {
    bytes.addAndGet(n);
  }

  long bytes() {
    return bytes.get();
  }

  @Override
  public boolean acceptsNewMessage() {
    return bytes.get() < maxBytes && chunks.acceptsNewMessage();
  }

  @Override
  public String toString() {
    return "EnvelopeSession[" + bytes.get() + " bytes]";
  }
}
