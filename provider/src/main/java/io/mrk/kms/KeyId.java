package io.mrk.kms;

import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.random.RandomGenerator;

/**
 * A KMS key id. Multi-Region keys: {@code mrk-} and 32 lower-case hex digits, the same in every
 * Region. Single-Region keys: a lower-case dashed UUID.
 */
public record KeyId(String value) implements Comparable<KeyId> {

  private static final String MRK_PREFIX = "mrk-";
  private static final Pattern MRK = Pattern.compile("mrk-[0-9a-f]{32}");
  private static final Pattern UUID_FORM =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  public KeyId {
    if (!isValid(value)) {
      throw new IllegalArgumentException(problem(value));
    }
  }

  /** Parses a key id, saying what is wrong with it when it is not one. */
  public static KeyId of(String value) throws KmsException {
    if (!isValid(value)) {
      throw new KmsException(KmsError.VALIDATION, problem(value));
    }
    return new KeyId(value);
  }

  /** True for a well-formed multi-Region or single-Region key id. */
  public static boolean isValid(String value) {
    return value != null && (MRK.matcher(value).matches() || UUID_FORM.matcher(value).matches());
  }

  /** A fresh multi-Region key id drawn from {@code random}. */
  public static KeyId newMultiRegion(RandomGenerator random) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    return new KeyId(MRK_PREFIX + HexFormat.of().formatHex(b));
  }

  /** A fresh single-Region key id (a version 4 UUID) drawn from {@code random}. */
  public static KeyId newSingleRegion(RandomGenerator random) {
    long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new KeyId(new UUID(hi, lo).toString());
  }

  /** True for a multi-Region key id. */
  public boolean isMultiRegion() {
    return value.startsWith(MRK_PREFIX);
  }

  private static String problem(String value) {
    if (value == null || value.isEmpty()) {
      return "Key id is missing.";
    }
    if (value.startsWith(MRK_PREFIX)) {
      return "Invalid multi-Region key id '" + Region.printable(value)
          + "': expected mrk- followed by 32 lower-case hex digits.";
    }
    return "Invalid key id '" + Region.printable(value)
        + "': expected a lower-case UUID or mrk- followed by 32 lower-case hex digits.";
  }

  @Override
  public int compareTo(KeyId o) {
    return value.compareTo(o.value);
  }

  // Written out: a record's generated equals and hashCode link through invokedynamic on first use, a
  // start-up cost of every command (benchmarks/RESULTS.md).
  @Override
  public boolean equals(Object o) {
    return o instanceof KeyId other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
