package io.mrk.kms;

/**
 * A refused KMS operation. It carries the KMS error name ({@link #error()}); the message says what
 * was wrong and never contains key material.
 */
public class KmsException extends Exception {

  private static final long serialVersionUID = 1L;

  private final KmsError error;

  public KmsException(KmsError error, String message) {
    super(message);
    this.error = error;
  }

  /** The KMS error, e.g. {@link KmsError#NOT_FOUND}. */
  public KmsError error() {
    return error;
  }

  /** The KMS error name, e.g. {@code NotFoundException}. */
  public String errorName() {
    return error.kmsName();
  }

  /** {@code <KmsErrorName>: <message>}, the form MRK puts into JCA exception messages. */
  public String describe() {
    return error.kmsName() + ": " + getMessage();
  }
}
