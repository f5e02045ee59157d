package io.mrk.aws;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * The limits of one loaded keystore's data-key cache (spec/aws-kms-caching.md). A data key from
 * {@code GenerateDataKey} serves new messages while it is younger than {@code maxAge}, has served
 * fewer than {@code maxMessages} messages and fewer than {@code maxBytes} plaintext bytes were
 * encrypted under it; at most {@code maxEntries} data keys are held for encryption and as many for
 * decryption. Bytes are counted as the data enters the cipher, so the limits hold while the
 * plaintext size is unknown; a message that started under a data key finishes under it.
 *
 * <p>Consequence: a key disabled, or a grant revoked, in KMS keeps working here for up to
 * {@code maxAge} for data keys already cached. {@code maxMessages = 1} makes every message call KMS.
 */
public record CacheLimits(Duration maxAge, long maxMessages, long maxBytes, int maxEntries) {

  /** The largest {@code maxAge}: one day. */
  public static final Duration MAX_AGE_BOUND = Duration.ofDays(1);
  /** The largest {@code maxMessages}: 2^32, the AWS Encryption SDK's bound. */
  public static final long MAX_MESSAGES_BOUND = 1L << 32;
  /** The largest {@code maxBytes}: 2^40, the plaintext of the 2^24 chunks of 64 KiB one data key may seal. */
  public static final long MAX_BYTES_BOUND = 1L << 40;
  /** The largest {@code maxEntries}. */
  public static final int MAX_ENTRIES_BOUND = 100_000;

  /** Five minutes, 2^32 messages, 2^40 bytes, 1,000 entries. */
  public static final CacheLimits DEFAULT = new CacheLimits(Duration.ofMinutes(5), MAX_MESSAGES_BOUND,
      MAX_BYTES_BOUND, 1_000);

  public CacheLimits {
    if (maxAge == null || maxAge.isNegative() || maxAge.isZero() || maxAge.compareTo(MAX_AGE_BOUND) > 0) {
      throw new IllegalArgumentException("cache maxAge must be above zero and at most " + MAX_AGE_BOUND
          + ", not " + maxAge);
    }
    if (maxMessages < 1 || maxMessages > MAX_MESSAGES_BOUND) {
      throw new IllegalArgumentException("cache maxMessages must be 1.." + MAX_MESSAGES_BOUND + ", not " + maxMessages);
    }
    if (maxBytes < 1 || maxBytes > MAX_BYTES_BOUND) {
      throw new IllegalArgumentException("cache maxBytes must be 1.." + MAX_BYTES_BOUND + ", not " + maxBytes);
    }
    if (maxEntries < 1 || maxEntries > MAX_ENTRIES_BOUND) {
      throw new IllegalArgumentException("cache maxEntries must be 1.." + MAX_ENTRIES_BOUND + ", not " + maxEntries);
    }
  }

  public CacheLimits withMaxAge(Duration age) {
    return new CacheLimits(age, maxMessages, maxBytes, maxEntries);
  }

  public CacheLimits withMaxMessages(long messages) {
    return new CacheLimits(maxAge, messages, maxBytes, maxEntries);
  }

  public CacheLimits withMaxBytes(long bytes) {
    return new CacheLimits(maxAge, maxMessages, bytes, maxEntries);
  }

  public CacheLimits withMaxEntries(int entries) {
    return new CacheLimits(maxAge, maxMessages, maxBytes, entries);
  }

  /**
   * The limits a descriptor sets ({@code cache.maxAge} as an ISO-8601 duration such as {@code PT5M},
   * {@code cache.maxMessages}, {@code cache.maxBytes}, {@code cache.maxEntries}), the defaults for the rest.
   *
   * @throws IllegalArgumentException naming the property that is malformed or out of bounds
   */
  public static CacheLimits fromProperties(Properties p) {
    CacheLimits c = DEFAULT;
    String age = p.getProperty("cache.maxAge");
    if (age != null) {
      try {
        c = c.withMaxAge(Duration.parse(age.trim()));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("cache.maxAge is an ISO-8601 duration such as PT5M, not '" + age + "'");
      }
    }
    c = c.withMaxMessages(number(p, "cache.maxMessages", c.maxMessages()));
    c = c.withMaxBytes(number(p, "cache.maxBytes", c.maxBytes()));
    return c.withMaxEntries((int) Math.min(Integer.MAX_VALUE, number(p, "cache.maxEntries", c.maxEntries())));
  }

  private static long number(Properties p, String name, long fallback) {
    String v = p.getProperty(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is a whole number, not '" + v + "'");
    }
  }
}
