package io.mrk.kms;

/** The KMS error names MRK reports, spelled as the KMS API and the {@code aws} CLI spell them. */
public enum KmsError {
  ALREADY_EXISTS("AlreadyExistsException"),
  DISABLED("DisabledException"),
  INVALID_STATE("KMSInvalidStateException"),
  NOT_FOUND("NotFoundException"),
  UNSUPPORTED_OPERATION("UnsupportedOperationException"),
  VALIDATION("ValidationException"),
  INVALID_ARN("InvalidArnException"),
  INVALID_ALIAS_NAME("InvalidAliasNameException"),
  LIMIT_EXCEEDED("LimitExceededException"),
  CONFLICT("ConflictException"),
  INVALID_GRANT_ID("InvalidGrantIdException"),
  INVALID_GRANT_TOKEN("InvalidGrantTokenException"),
  INVALID_CIPHERTEXT("InvalidCiphertextException"),
  INCORRECT_KEY("IncorrectKeyException"),
  TAG("TagException"),
  MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocumentException"),
  ACCESS_DENIED("AccessDeniedException"),
  INVALID_KEY_USAGE("InvalidKeyUsageException");

  private final String kmsName;

  KmsError(String kmsName) {
    this.kmsName = kmsName;
  }

  /** The error name as KMS returns it, e.g. {@code NotFoundException}. */
  public String kmsName() {
    return kmsName;
  }

  @Override
  public String toString() {
    return kmsName;
  }
}
