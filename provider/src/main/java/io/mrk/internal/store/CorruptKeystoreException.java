package io.mrk.internal.store;

/**
 * The bytes are not an intact MRK keystore: wrong magic, truncated, a length or checksum mismatch,
 * parameters beyond the loader's limits, or an authentication tag that fails under a verified
 * password (deliberate tampering). The message says which.
 */
public final class CorruptKeystoreException extends KeystoreFileException {

  CorruptKeystoreException(String message) {
    super(message);
  }

  CorruptKeystoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
