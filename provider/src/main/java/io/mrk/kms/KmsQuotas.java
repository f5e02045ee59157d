package io.mrk.kms;

/**
 * Every size and count limit MRK enforces, in one place: the AWS KMS quotas (developer guide,
 * "Resource quotas") and the parameter limits of the KMS API reference. Operations refuse a request
 * that would exceed one ({@code LimitExceededException} for a count of resources, {@code
 * ValidationException}, {@code TagException} or {@code MalformedPolicyDocumentException} for a
 * parameter), and a decoded registry is checked against them, so a stored state never exceeds them.
 *
 * <p>The registry encoding ({@code spec/registry-encoding.md}) stores strings with a u16 byte length
 * and per-key lists with a u16 count: every limit here fits those widths (a character is at most
 * three UTF-8 bytes in a string MRK accepts), which a test of the codec checks.
 */
public final class KmsQuotas {

  /** Customer managed keys per account and Region (KMS: 100,000). */
  public static final int MAX_KEYS_PER_REGION = 100_000;
  /** Aliases that point to one key in one Region (KMS: aliases per KMS key, 50). */
  public static final int MAX_ALIASES_PER_KEY = 50;
  /** Grants on one key in one Region (KMS: grants per KMS key, 50,000). */
  public static final int MAX_GRANTS_PER_KEY = 50_000;
  /** On-demand rotations of one key (KMS: 25, not adjustable). */
  public static final int MAX_ON_DEMAND_ROTATIONS = 25;
  /** Tags on one key (KMS TagResource: 50). */
  public static final int MAX_TAGS_PER_KEY = 50;
  /** Tag key length in characters (KMS Tag.TagKey: 1 to 128). */
  public static final int MAX_TAG_KEY_CHARS = 128;
  /** Tag value length in characters (KMS Tag.TagValue: 0 to 256). */
  public static final int MAX_TAG_VALUE_CHARS = 256;
  /** Key policy document size in UTF-8 bytes (KMS: 32 KB, 32,768 bytes). */
  public static final int MAX_POLICY_BYTES = 32_768;
  /** Key description length in characters (KMS CreateKey Description: 0 to 8192). */
  public static final int MAX_DESCRIPTION_CHARS = 8192;
  /** Alias name length in characters, {@code alias/} included (KMS CreateAlias: 1 to 256). */
  public static final int MAX_ALIAS_NAME_CHARS = 256;
  /** Grant name length in characters (KMS CreateGrant Name: 1 to 256). */
  public static final int MAX_GRANT_NAME_CHARS = 256;
  /** Grantee and retiring principal length in characters (KMS CreateGrant: 1 to 256). */
  public static final int MAX_PRINCIPAL_CHARS = 256;
  /** Total characters of a grant's encryption-context constraint, keys and values (KMS: 8192). */
  public static final int MAX_GRANT_CONSTRAINT_CHARS = 8192;

  private KmsQuotas() {}

  /**
   * Whether {@code s} is well-formed UTF-16 (every surrogate paired), so that it has exactly one
   * UTF-8 form: the registry stores UTF-8, where an unpaired surrogate would become {@code ?} and
   * two different strings could become one.
   */
  public static boolean isStorable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
