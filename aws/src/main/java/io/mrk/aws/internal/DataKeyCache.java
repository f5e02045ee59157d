package io.mrk.aws.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.mrk.aws.CacheLimits;
import io.mrk.spi.EnvelopeKey;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The data keys of one loaded keystore (spec/aws-kms-caching.md), in two Caffeine caches that age by
 * the keystore's clock.
 *
 * <p>Encryption: one entry per (Region, key ARN, encryption context, identity) holding the provider's
 * session for one {@code GenerateDataKey}. A message takes the entry while it is younger than
 * {@code maxAge}, its message count after this message is at most {@code maxMessages}, and the session
 * accepts new messages (fewer than {@code maxBytes} encrypted); otherwise the entry is dropped and the
 * caller's loader asks KMS. Only a successful KMS call makes an entry, so a failure leaves nothing.
 * Two threads missing at once may both call KMS; the later entry wins, the earlier serves its one message.
 *
 * <p>Decryption: one entry per (Region, identity, SHA-256 of the handle's ARN, the serialised
 * context and the EDK) holding the plaintext data key, wiped when the entry is removed.
 */
final class DataKeyCache {

  /** The key of an encryption entry. The context is an immutable copy; identity compares by equals. */
  record EncryptionSlot(String region, String keyArn, Map<String, String> context, Object identity) {}

  record DecryptionSlot(String region, Object identity, ByteBuffer digest) {}

  private static final class Entry {
    final EnvelopeKey.Session session;
    final long createdMillis;
    final AtomicLong messages = new AtomicLong();

    Entry(EnvelopeKey.Session session, long createdMillis) {
      this.session = session;
      this.createdMillis = createdMillis;
    }
  }

  /** A plaintext data key held for decryption; wiped on removal. */
  private static final class HeldKey {
    final byte[] bytes;
    final long createdMillis;

    HeldKey(byte[] bytes, long createdMillis) {
      this.bytes = bytes;
      this.createdMillis = createdMillis;
    }
  }

  /** A call to KMS that makes a fresh value. */
  @FunctionalInterface
  interface Loader<T, E extends Exception> {
    T load() throws E;
  }

  private final CacheLimits limits;
  private final Clock clock;
  private final Cache<EncryptionSlot, Entry> encryption;
  private final Cache<DecryptionSlot, HeldKey> decryption;

  DataKeyCache(CacheLimits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
    Ticker ticker = () -> clock.millis() * 1_000_000L;
    this.encryption = Caffeine.newBuilder().maximumSize(limits.maxEntries()).expireAfterWrite(limits.maxAge())
        .ticker(ticker).executor(Runnable::run).build();
    this.decryption = Caffeine.newBuilder().maximumSize(limits.maxEntries()).expireAfterWrite(limits.maxAge())
        .ticker(ticker).executor(Runnable::run)
        .<DecryptionSlot, HeldKey>removalListener((k, v, cause) -> {
          if (v != null) {
            Arrays.fill(v.bytes, (byte) 0);
          }
        }).build();
  }

  CacheLimits limits() {
    return limits;
  }

  /** The session for one more message under {@code slot}: a cached one within its limits, or {@code fresh}'s. */
  @SuppressWarnings("unchecked")
  <S extends EnvelopeKey.Session, E extends Exception> S session(EncryptionSlot slot, Loader<S, E> fresh) throws E {
    Entry e = encryption.getIfPresent(slot);
    if (e != null) {
      if (young(e.createdMillis) && e.session.acceptsNewMessage()
          && e.messages.incrementAndGet() <= limits.maxMessages()) {
        return (S) e.session;
      }
      encryption.asMap().remove(slot, e);
    }
    S made = fresh.load();
    if (limits.maxMessages() > 1) {
      Entry entry = new Entry(made, clock.millis());
      entry.messages.set(1);
      encryption.put(slot, entry);
    }
    return made;
  }

  /** A copy of the plaintext data key for {@code slot}: a cached one, or {@code fresh}'s (which is then kept). */
  <E extends Exception> byte[] dataKey(DecryptionSlot slot, Loader<byte[], E> fresh) throws E {
    HeldKey held = decryption.getIfPresent(slot);
    if (held != null && young(held.createdMillis)) {
      byte[] copy = held.bytes.clone();
      // A removal racing with the copy wipes the held bytes: never hand out a wiped key.
      if (decryption.getIfPresent(slot) == held) {
        return copy;
      }
      Arrays.fill(copy, (byte) 0);
    }
    byte[] made = fresh.load();
    decryption.put(slot, new HeldKey(made.clone(), clock.millis()));
    return made;
  }

  private boolean young(long createdMillis) {
    return clock.millis() - createdMillis < limits.maxAge().toMillis();
  }

  /** The entries held, encryption and decryption; for tests. */
  long[] sizes() {
    encryption.cleanUp();
    decryption.cleanUp();
    return new long[] {encryption.estimatedSize(), decryption.estimatedSize()};
  }

  /** Drops every entry, wiping the held data keys. */
  void clear() {
    encryption.invalidateAll();
    decryption.invalidateAll();
  }
}
