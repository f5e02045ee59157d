package io.mrk.kms;

import java.util.regex.Pattern;

/**
 * An AWS Region code as AWS writes it ({@code us-east-1}, {@code eu-west-1}, {@code us-gov-west-1},
 * {@code cn-north-1}). The partition follows from the code: {@code cn-*} is {@code aws-cn},
 * {@code us-gov-*} is {@code aws-us-gov}, everything else is {@code aws}.
 */
public record Region(String code) implements Comparable<Region> {

  /** Geography, optional {@code gov}, direction, number: the shape of every public AWS Region code. */
  private static final Pattern CODE =
      Pattern.compile("[a-z]{2}(-gov)?-(north|south|east|west|central|northeast|northwest|southeast|southwest)-[1-9][0-9]?");

  /** Validates the code; use {@link #of} for a checked exception with a message. */
  public Region {
    if (code == null || !CODE.matcher(code).matches()) {
      throw new IllegalArgumentException(describeProblem(code));
    }
  }

  /** Parses a Region code, saying what is wrong with it when it is not one. */
  public static Region of(String code) throws KmsException {
    if (code == null || !CODE.matcher(code).matches()) {
      throw new KmsException(KmsError.VALIDATION, describeProblem(code));
    }
    return new Region(code);
  }

  /** True when {@code code} is a well-formed Region code. */
  public static boolean isValid(String code) {
    return code != null && CODE.matcher(code).matches();
  }

  private static String describeProblem(String code) {
    if (code == null || code.isEmpty()) {
      return "Region is missing: expected a Region code such as us-east-1.";
    }
    return "Invalid Region '" + printable(code)
        + "': expected a Region code such as us-east-1, eu-west-1 or us-gov-west-1 (lower case).";
  }

  /** Keeps user input in messages short and free of control characters. */
  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 80; i++) {
      char c = s.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
      if (paired) {
        b.append(c).append(s.charAt(++i));
      } else {
        b.append(c < 0x20 || c == 0x7f || Character.isSurrogate(c) ? '?' : c);
      }
    }
    if (s.length() > 80) {
      b.append("...");
    }
    return b.toString();
  }

  /** The partition this Region belongs to. */
  public Partition partition() {
    if (code.startsWith("cn-")) {
      return Partition.AWS_CN;
    }
    if (code.startsWith("us-gov-")) {
      return Partition.AWS_US_GOV;
    }
    return Partition.AWS;
  }

  @Override
  public int compareTo(Region other) {
    return code.compareTo(other.code);
  }

  // Written out: a record's generated equals and hashCode link through invokedynamic on first use, a
  // start-up cost of every command (benchmarks/RESULTS.md).
  @Override
  public boolean equals(Object o) {
    return o instanceof Region other && code.equals(other.code);
  }

  @Override
  public int hashCode() {
    return code.hashCode();
  }

  @Override
  public String toString() {
    return code;
  }
}
