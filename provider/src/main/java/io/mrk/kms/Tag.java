package io.mrk.kms;

/** A resource tag. KMS: key 1..128 characters, value 0..256 characters; keys starting {@code aws:} are reserved. */
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
    if (k == null || k.isEmpty() || k.length() > 128) {
      return "Tag key must be 1 to 128 characters.";
    }
    if (k.startsWith("aws:")) {
      return "Tag keys beginning with aws: are reserved.";
    }
    if (v == null || v.length() > 256) {
      return "Tag value for '" + Region.printable(k) + "' must be 0 to 256 characters.";
    }
    return null;
  }
}
