package io.mrk.cli;

/**
 * A parameter the command line cannot use, found before any keystore is opened: printed in the aws
 * CLI's words ({@code Error parsing parameter '--encryption-context': ...}) with exit status 252.
 */
final class ParamError extends Exception {
  private static final long serialVersionUID = 1L;

  private final String parameter;

  ParamError(String parameter, String reason) {
    super(reason);
    this.parameter = parameter;
  }

  /** The option as typed, e.g. {@code --plaintext}. */
  String parameter() {
    return parameter;
  }

  /** The line the aws CLI prints for this error. */
  String line() {
    return "Error parsing parameter '" + parameter + "': " + getMessage();
  }
}
