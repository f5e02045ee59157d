package io.mrk.server;

import io.mrk.kms.KmsException;

/**
 * A refusal answered on the wire: the error name ({@code __type} and {@code x-amzn-ErrorType}), a
 * message and an HTTP status. Every deterministic refusal is a 400 (a dry run's is 412, as AWS answers
 * it), because both real clients retry 5xx answers; 500 is kept for the model's three faults.
 */
final class ServiceError extends Exception {

  private static final long serialVersionUID = 1L;

  private final String type;
  private final int status;

  private ServiceError(String type, String message, int status) {
    super(message, null, false, false);
    this.type = type;
    this.status = status;
  }

  /** A client error (400) named {@code type}, e.g. {@code ValidationException}. */
  static ServiceError client(String type, String message) {
    return new ServiceError(type, message, 400);
  }

  /**
   * A request that would have succeeded, stopped by its {@code DryRun} member after every check the
   * operation makes (key, key state, key policy and grants). AWS answers it with HTTP 412, which no
   * client retries.
   */
  static ServiceError dryRun() {
    return new ServiceError("DryRunOperationException", "The request would have succeeded, but the DryRun"
        + " option is set.", 412);
  }

  /** The model's internal fault (500), with a message that says nothing about the cause. */
  static ServiceError internal() {
    return new ServiceError("KMSInternalException", "An internal error occurred.", 500);
  }

  /** A KMS refusal of the registry, with its own error name. */
  static ServiceError of(KmsException e) {
    return new ServiceError(e.errorName(), e.getMessage(), 400);
  }

  static ServiceError validation(String message) {
    return client("ValidationException", message);
  }

  /** A request body that is not the JSON the operation's input shape describes. */
  static ServiceError serialization(String message) {
    return client("SerializationException", message);
  }

  String type() {
    return type;
  }

  int status() {
    return status;
  }
}
