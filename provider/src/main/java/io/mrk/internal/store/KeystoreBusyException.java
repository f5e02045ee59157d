package io.mrk.internal.store;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** A writer gave up waiting for a keystore's lock; the message names the holder when it is known. */
public final class KeystoreBusyException extends IOException {

  private static final long serialVersionUID = 1L;

  KeystoreBusyException(Path file, Duration waited, String holder) {
    super("keystore " + file + " is locked by " + holder + "; gave up after waiting " + waited.toMillis()
        + " ms (a live writer holds " + KeystoreLock.lockFileFor(file).getFileName() + ")");
  }
}
