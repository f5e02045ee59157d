package io.mrk.internal.store;

import java.security.UnrecoverableKeyException;

/**
 * The keystore is intact but the password does not match its verifier. The cause is an
 * {@link UnrecoverableKeyException}, which is how keytool and the JDK keystores report a wrong
 * store password.
 */
public final class WrongPasswordException extends KeystoreFileException {

  WrongPasswordException(String message) {
    super(message, new UnrecoverableKeyException(message));
  }
}
