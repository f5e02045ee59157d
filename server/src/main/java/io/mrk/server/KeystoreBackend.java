package io.mrk.server;

import io.mrk.MrkKeystore;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsException;
import java.io.IOException;

/**
 * Everything the server needs from the keystore, and nothing more: the seam between the wire and the
 * keystore file.
 *
 * <p>Contract: {@link #current} reflects every {@link #update} that returned before it was called,
 * in this process or another one writing the same file; {@link #update} applies its change under
 * the file's lock to the newest state and persists it atomically before it returns, or leaves the
 * file untouched when the change throws. Both are safe to call from many threads at once.
 */
public interface KeystoreBackend extends AutoCloseable {

  /** The registry as it is now, for operations that only read (crypto included). */
  KeyRegistry current() throws IOException;

  /** Applies {@code change} to the newest registry under the file lock and persists it. */
  <T> T update(MrkKeystore.Change<T> change) throws IOException, KmsException;

  /** Waits until every audit event recorded so far is written. */
  void flushAudit() throws IOException;

  /** Releases what the backend holds (the password, cached registries). */
  @Override
  void close() throws IOException;
}
