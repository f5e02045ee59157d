package io.mrk.internal.store;

import java.security.InvalidAlgorithmParameterException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cost parameters of the password KDF that seals a keystore; the salt is not one of them
 * because it is drawn fresh for every write.
 *
 * <p>The ranges are the loader's limits as well as the writer's: every value this record accepts
 * can be opened, and a crafted file naming anything outside them is refused before any KDF work, so
 * it cannot make a loader allocate more than 1 GiB or spin through more than 64 passes. Within the
 * limits, RFC 9106 section 3.1 requires {@code memoryKiB >= 8 * parallelism}.
 *
 * @param algorithm the KDF
 * @param memoryKiB Argon2 memory size m, in KiB
 * @param iterations Argon2 pass count t
 * @param parallelism Argon2 lane count p
 */
public record KdfParameters(KdfAlgorithm algorithm, int memoryKiB, int iterations, int parallelism) {

  /** The largest memory size a keystore may ask for: 1 GiB. */
  public static final int MAX_MEMORY_KIB = 1 << 20;

  /** The largest pass count a keystore may ask for. */
  public static final int MAX_ITERATIONS = 64;

  /** The largest lane count a keystore may ask for. */
  public static final int MAX_PARALLELISM = 16;

  /**
   * Argon2id with 64 MiB, 2 passes, 1 lane: above OWASP's Argon2id floors (19 MiB with t = 2, or
   * 46 MiB with t = 1). Measured with Bouncy Castle 1.82 on JDK 17 on the 2-core build machine
   * (see spec/keystore-format.md): 130-140 ms per derivation once warm; the first derivation in a
   * fresh JVM takes 450-500 ms, of which 250-300 ms is JIT warm-up that every parameter choice pays.
   * One lane because
   * Bouncy Castle fills the lanes one after another on the calling thread: more lanes would not make
   * our derivation faster, and OWASP's floors assume one.
   */
  public static final KdfParameters DEFAULT = argon2id(64 * 1024, 2, 1);

  /**
   * The most a loader spends on a file unless told otherwise: 256 MiB, 16 passes, 16 lanes (four
   * times the default's memory, eight times its passes). A file asking for more is refused before
   * any derivation, so a crafted file cannot cost minutes and gigabytes before "wrong password";
   * the format's own limits (1 GiB, 64 passes) stay the hard bound for a raised ceiling.
   */
  public static final KdfParameters DEFAULT_CEILING = argon2id(256 * 1024, 16, MAX_PARALLELISM);

  private static final Pattern TEXT = Pattern.compile("([a-z0-9]+):m=([0-9]{1,10}),t=([0-9]{1,10}),p=([0-9]{1,10})");

  /** Checks every parameter against the limits above. */
  public KdfParameters {
    Objects.requireNonNull(algorithm, "algorithm");
    String problem = rangeProblem(memoryKiB, iterations, parallelism);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Argon2id parameters; throws IllegalArgumentException when one is out of range. */
  public static KdfParameters argon2id(int memoryKiB, int iterations, int parallelism) {
    return new KdfParameters(KdfAlgorithm.ARGON2ID, memoryKiB, iterations, parallelism);
  }

  /**
   * Parses the compact form {@code argon2id:m=65536,t=2,p=1} (fields in that order, no spaces), as
   * written by {@link #toString()}, so that tests and CI can ask for cheap parameters explicitly.
   */
  public static KdfParameters parse(String text) throws InvalidAlgorithmParameterException {
    if (text == null) {
      throw new InvalidAlgorithmParameterException("KDF parameters are missing: expected e.g. " + DEFAULT);
    }
    Matcher m = TEXT.matcher(text);
    if (!m.matches()) {
      throw new InvalidAlgorithmParameterException(
          "KDF parameters '" + printable(text) + "' are not of the form " + DEFAULT);
    }
    KdfAlgorithm algorithm = KdfAlgorithm.fromLabel(m.group(1));
    if (algorithm == null) {
      throw new InvalidAlgorithmParameterException(
          "unknown KDF '" + m.group(1) + "': the supported KDF is " + KdfAlgorithm.ARGON2ID.label());
    }
    long memory = Long.parseLong(m.group(2));
    long iterations = Long.parseLong(m.group(3));
    long parallelism = Long.parseLong(m.group(4));
    if (memory > Integer.MAX_VALUE || iterations > Integer.MAX_VALUE || parallelism > Integer.MAX_VALUE) {
      throw new InvalidAlgorithmParameterException("KDF parameters '" + text + "' are too large");
    }
    String problem = rangeProblem((int) memory, (int) iterations, (int) parallelism);
    if (problem != null) {
      throw new InvalidAlgorithmParameterException(problem);
    }
    return new KdfParameters(algorithm, (int) memory, (int) iterations, (int) parallelism);
  }

  /**
   * Why these parameters exceed {@code ceiling} or half this JVM's maximum heap (Argon2 allocates
   * {@code memoryKiB} at once), or null when a loader may derive with them.
   */
  public String ceilingProblem(KdfParameters ceiling) {
    long heapKiB = Runtime.getRuntime().maxMemory() / 1024 / 2;
    if (memoryKiB > ceiling.memoryKiB || memoryKiB > heapKiB) {
      return "its KDF asks for " + memoryKiB + " KiB, above this loader's ceiling of "
          + Math.min(ceiling.memoryKiB, heapKiB) + " KiB";
    }
    if (iterations > ceiling.iterations) {
      return "its KDF asks for " + iterations + " passes, above this loader's ceiling of " + ceiling.iterations;
    }
    if (parallelism > ceiling.parallelism) {
      return "its KDF asks for " + parallelism + " lanes, above this loader's ceiling of " + ceiling.parallelism;
    }
    return null;
  }

  /** True when some parameter is below {@code floor}'s: a writer then upgrades to {@link #atLeast}. */
  public boolean weakerThan(KdfParameters floor) {
    return memoryKiB < floor.memoryKiB || iterations < floor.iterations || parallelism < floor.parallelism;
  }

  /** These parameters raised, each to at least {@code floor}'s. */
  public KdfParameters atLeast(KdfParameters floor) {
    int p = Math.max(parallelism, floor.parallelism);
    return new KdfParameters(algorithm, Math.max(Math.max(memoryKiB, floor.memoryKiB), 8 * p),
        Math.max(iterations, floor.iterations), p);
  }

  /** Says which parameter is out of range, or returns null when all are within the limits. */
  static String rangeProblem(long memoryKiB, long iterations, long parallelism) {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      return "KDF parallelism " + parallelism + " is outside 1.." + MAX_PARALLELISM;
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      return "KDF iterations " + iterations + " is outside 1.." + MAX_ITERATIONS;
    }
    if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
      return "KDF memory " + memoryKiB + " KiB is outside " + 8 * parallelism + ".." + MAX_MEMORY_KIB
          + " KiB (RFC 9106 section 3.1 needs at least 8 KiB per lane)";
    }
    return null;
  }

  private static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return s.length() > 80 ? b.append("...").toString() : b.toString();
  }

  /** The compact form, e.g. {@code argon2id:m=65536,t=2,p=1}; {@link #parse} reads it back. */
  @Override
  public String toString() {
    return algorithm.label() + ":m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism;
  }

  // Written out: a record's generated equals and hashCode link through invokedynamic on first use, a
  // start-up cost of every command (benchmarks/RESULTS.md).
  @Override
  public boolean equals(Object o) {
    return o instanceof KdfParameters other && algorithm == other.algorithm && memoryKiB == other.memoryKiB
        && iterations == other.iterations && parallelism == other.parallelism;
  }

  @Override
  public int hashCode() {
    return ((algorithm.hashCode() * 31 + memoryKiB) * 31 + iterations) * 31 + parallelism;
  }
}
