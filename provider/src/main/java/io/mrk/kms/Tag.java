package io.mrk.kms;

/**
 * A resource tag. KMS: key 1..128 characters, value 0..256 characters ({@link KmsQuotas}); keys
 * starting {@code aws:} are reserved; both must be well-formed UTF-16 ({@link KmsQuotas#isStorable}).
 */
public record Tag(String tagKey, String tagValue) {

  public Tag {
    String problem = problem(tagKey, tagValue);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** A validated tag; {@code TagException} says what is wrong. */
  public static Tag of(String tagKey, String tagValue) throws KmsException {
    String problem = problem(tagKey, tagValue);
    if (problem != null) {
      throw new KmsException(KmsError.TAG, problem);
    }
    return new Tag(tagKey, tagValue);
  }

  private static String problem(String k, String v) {
    if (k == null || k.isEmpty() || k.length() > KmsQuotas.MAX_TAG_KEY_CHARS) {
      return "Tag key must be 1 to " + KmsQuotas.MAX_TAG_KEY_CHARS + " characters.";
    }
    if (!KmsQuotas.isStorable(k)) {
      return "Tag key '" + Region.printable(k) + "' contains an unpaired surrogate (not valid Unicode text).";
    }
    if (k.startsWith("aws:")) {
      return "Tag keys beginning with aws: are reserved.";
    }
    if (v == null || v.length() > KmsQuotas.MAX_TAG_VALUE_CHARS) {
      return "Tag value for '" + Region.printable(k) + "' must be 0 to " + KmsQuotas.MAX_TAG_VALUE_CHARS
          + " characters.";
    }
    if (!KmsQuotas.isStorable(v)) {
      return "Tag value for '" + Region.printable(k) + "' contains an unpaired surrogate (not valid Unicode text).";
    }
    return null;
  }
}
