package io.mrk.internal.store;

import java.io.IOException;

/**
 * A sealed keystore could not be opened: the file is damaged, the password is wrong, or the format
 * version is newer than this code. Checked and an {@link IOException} because
 * {@link java.security.KeyStore#load} reports load failures that way; the subclasses tell the cases
 * apart, and none of them ever comes with a partial payload.
 */
public abstract sealed class KeystoreFileException extends IOException
    permits CorruptKeystoreException, WrongPasswordException, UnsupportedKeystoreVersionException {

  KeystoreFileException(String message) {
    super(message);
  }

  KeystoreFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
