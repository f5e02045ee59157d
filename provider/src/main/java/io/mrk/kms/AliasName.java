package io.mrk.kms;

import java.util.regex.Pattern;

/**
 * An alias name, {@code alias/<name>}. Aliases belong to one account and Region and are never
 * synchronised between Regions. Names under {@code alias/aws/} are reserved for AWS managed keys.
 */
public record AliasName(String value) implements Comparable<AliasName> {

  /** KMS CreateAlias: 1..256 characters of {@code alias/[a-zA-Z0-9/_-]+}. */
  private static final Pattern FORM = Pattern.compile("alias/[a-zA-Z0-9/_-]+");
  private static final int MAX_LENGTH = KmsQuotas.MAX_ALIAS_NAME_CHARS;
  private static final String RESERVED_PREFIX = "alias/aws/";

  public AliasName {
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Parses an alias name, saying what is wrong with it when it is not one. */
  public static AliasName of(String value) throws KmsException {
    String problem = problem(value);
    if (problem != null) {
      throw new KmsException(KmsError.VALIDATION, problem);
    }
    return new AliasName(value);
  }

  /** True when the name is under {@code alias/aws/}, which only AWS may create. */
  public boolean isReserved() {
    return value.startsWith(RESERVED_PREFIX);
  }

  private static String problem(String value) {
    if (value == null || value.isEmpty()) {
      return "Alias name is missing.";
    }
    if (!value.startsWith("alias/")) {
      return "Invalid alias name '" + Region.printable(value) + "': it must begin with alias/.";
    }
    if (value.length() > MAX_LENGTH) {
      return "Invalid alias name: longer than " + MAX_LENGTH + " characters.";
    }
    if (!FORM.matcher(value).matches()) {
      return "Invalid alias name '" + Region.printable(value)
          + "': after alias/ only letters, digits, '/', '_' and '-' are allowed.";
    }
    return null;
  }

  @Override
  public int compareTo(AliasName o) {
    return value.compareTo(o.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
