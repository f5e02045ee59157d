package io.mrk;

import io.mrk.internal.registry.PersistedRegistry;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * One open keystore file: a read-only registry that follows the file, and writes to it, for the
 * lifetime of an application, a job or a server. Get one from {@link MrkKeystore#open}.
 *
 * <p><b>One key derivation.</b> Opening runs the password KDF (Argon2id) once. Later writes and
 * reloads reuse the derived key while the file keeps its KDF salt (every write through a session
 * keeps it and draws a fresh AES-GCM nonce; see {@code spec/keystore-format.md}); only a file
 * another writer resealed under a new salt costs one more derivation.
 *
 * <p><b>Following the file.</b> {@link #registry()} checks the file at most once per refresh
 * interval when it is used, and at once when a ciphertext names a material version it does not hold;
 * when another process committed a newer generation it swaps to it atomically, so key handles see
 * rotations, disables and new replicas without a restart. It never creates key material: an
 * automatic rotation that fell due is applied by the next writer ({@link #update}, any writing
 * {@code mrk} command, {@code KeyStore.store}); until then encryption keeps the newest persisted
 * version and {@link #dueRotations()} counts the rotation as due.
 *
 * <p><b>Rollback.</b> A file older than a generation this process has seen of the same keystore is
 * not followed ({@link #problem()} says why) and {@link #update} refuses to write over it.
 *
 * <p>Thread-safe. {@link #close()} stops following the file and wipes the password copy and the
 * derived keys; the registry keeps its last state.
 */
public final class KeystoreSession implements AutoCloseable {

  private final PersistedRegistry persisted;
  private final Clock clock;

  KeystoreSession(PersistedRegistry persisted, Clock clock) {
    this.persisted = Objects.requireNonNull(persisted, "persisted");
    this.clock = clock;
  }

  /** The keystore file. */
  public Path file() {
    return persisted.file();
  }

  /** The read-only registry that follows the file; changes through it are refused. */
  public KeyRegistry registry() {
    return persisted.view();
  }

  /**
   * Applies the due automatic rotations and {@code change} to the file's current state under the
   * file lock and writes the next generation; the registry shows the result when this returns. If
   * {@code change} throws, nothing is written.
   *
   * @throws IOException when the file cannot be opened, is older than a generation this process has
   *     seen (an older copy was restored), or another writer holds the lock for the lock timeout
   */
  public <T> T update(MrkKeystore.Change<T> change) throws IOException, KmsException {
    Objects.requireNonNull(change, "change");
    return persisted.update(change::apply);
  }

  /**
   * Checks the file now rather than at the next interval.
   *
   * @return true when the registry swapped to a newer generation
   */
  public boolean refresh() throws IOException {
    return persisted.refresh();
  }

  /** How many committed writes produced the registry's state (0 when the file does not exist yet). */
  public long generation() {
    return persisted.lineage().generation();
  }

  /** The random id of the keystore in the file (32 hex digits), empty before its first write by this version. */
  public String keystoreId() {
    return persisted.lineage().keystoreId();
  }

  /** Why the registry does not show the file's current content (a rollback, an unreadable file), if so. */
  public Optional<String> problem() {
    return persisted.problem();
  }

  /** How many keys have an automatic rotation due by the session's clock that no writer has persisted yet. */
  public int dueRotations() {
    return persisted.dueRotations();
  }

  /** How many password-KDF derivations this session has run: 1 after opening, more only when the salt changed. */
  public int kdfDerivations() {
    return persisted.derivations();
  }

  @Override
  public void close() {
    persisted.close();
  }

  @Override
  public String toString() {
    return "KeystoreSession[" + file() + ", generation " + generation() + " at " + clock.instant() + "]";
  }
}
