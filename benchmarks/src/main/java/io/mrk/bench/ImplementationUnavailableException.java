package io.mrk.bench;

/**
 * An implementation cannot run on this machine (for example ACCP without its native library).
 *
 * <p>The run reports it as unavailable, not failed, and carries on with the others.
 */
public final class ImplementationUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;

  public ImplementationUnavailableException(String message) {
    super(message);
  }
}
