package io.mrk.internal.store;

/**
 * The file is an MRK keystore in a format version this code does not know, typically one written
 * by a newer MRK. Reported from the fixed-position version field, before any KDF work.
 */
public final class UnsupportedKeystoreVersionException extends KeystoreFileException {

  private final int version;

  UnsupportedKeystoreVersionException(int version, int newestSupported) {
    super("keystore format version " + version + " is not supported: this MRK reads versions up to "
        + newestSupported + "; upgrade MRK to open it");
    this.version = version;
  }

  /** The format version found in the file. */
  public int version() {
    return version;
  }
}
