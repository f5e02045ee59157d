package io.mrk.kms;

import java.util.regex.Pattern;

/** A 12-digit AWS account id. Each registry belongs to exactly one account. */
public record AccountId(String value) {

  /** Initialised before {@link #DEFAULT}, whose construction uses it (JLS 12.4.2: textual order). */
  private static final Pattern DIGITS = Pattern.compile("[0-9]{12}");

  /** The account id the AWS documentation uses in its examples; the registry default. */
  public static final AccountId DEFAULT = new AccountId("111122223333");

  public AccountId {
    if (value == null || !DIGITS.matcher(value).matches()) {
      throw new IllegalArgumentException(problem(value));
    }
  }

  /** Parses an account id, saying what is wrong with it when it is not one. */
  public static AccountId of(String value) throws KmsException {
    if (value == null || !DIGITS.matcher(value).matches()) {
      throw new KmsException(KmsError.VALIDATION, problem(value));
    }
    return new AccountId(value);
  }

  private static String problem(String value) {
    return "Invalid account id '" + (value == null ? "" : Region.printable(value))
        + "': expected exactly 12 decimal digits.";
  }

  @Override
  public String toString() {
    return value;
  }
}
