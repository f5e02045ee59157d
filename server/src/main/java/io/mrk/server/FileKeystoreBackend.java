package io.mrk.server;

import io.mrk.MrkKeystore;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link KeystoreBackend} over a sealed keystore file with today's public API: reads load the
 * file through {@link MrkKeystore#load} and keep the registry until the file changes; writes go
 * through {@link MrkKeystore#update} under the file lock.
 *
 * <p>Cost: a read costs one {@code stat} of the file; the registry is decoded again (one password
 * KDF) only when the file's identity, size or modification time differ from the loaded one. Every
 * keystore write replaces the file by an atomic rename, which gives it a new identity, so a change
 * by any process is seen by the next request. Each write costs one KDF in {@code update} and one
 * more at the next read, until keystore sessions let a writer keep the derived key.
 *
 * <p>The password is kept (copied) for the backend's lifetime and wiped by {@link #close}.
 */
public final class FileKeystoreBackend implements KeystoreBackend {

  /** The file's state a registry was loaded from: atomic renames change {@code fileKey}. */
  private record Stamp(Object fileKey, long size, FileTime modified) {}

  private record Loaded(Stamp stamp, KeyRegistry registry) {}

  private final MrkKeystore keystores;
  private final Path file;
  private final char[] password;
  private final Object loadLock = new Object();
  private volatile Loaded loaded;
  private volatile boolean closed;

  public FileKeystoreBackend(MrkKeystore keystores, Path file, char[] password) {
    this.keystores = Objects.requireNonNull(keystores, "keystores");
    this.file = Objects.requireNonNull(file, "file");
    this.password = Objects.requireNonNull(password, "password").clone();
  }

  /** The keystore file. */
  public Path file() {
    return file;
  }

  /**
   * Loads the file once now, so a wrong password or a damaged file stops the server at start rather
   * than at the first request.
   */
  public FileKeystoreBackend open() throws IOException {
    current();
    return this;
  }

  @Override
  public KeyRegistry current() throws IOException {
    requireOpen();
    Stamp now = stamp();
    Loaded l = loaded;
    if (l != null && Objects.equals(l.stamp(), now)) {
      return l.registry();
    }
    synchronized (loadLock) {
      l = loaded;
      now = stamp();
      if (l != null && Objects.equals(l.stamp(), now)) {
        return l.registry();
      }
      // The stamp is read before the file: if the file changes meanwhile, the next read sees a newer
      // stamp and loads again; a registry is never kept under a stamp newer than its content.
      KeyRegistry registry = now == null ? KeyRegistry.builder().build() : keystores.load(file, password);
      loaded = new Loaded(now, registry);
      return registry;
    }
  }

  @Override
  public <T> T update(MrkKeystore.Change<T> change) throws IOException, KmsException {
    requireOpen();
    try {
      return keystores.update(file, password, change);
    } finally {
      loaded = null;
    }
  }

  @Override
  public void flushAudit() throws IOException {
    if (Files.exists(file)) {
      MrkKeystore.flushAudit(file);
    }
  }

  @Override
  public void close() {
    closed = true;
    loaded = null;
    Arrays.fill(password, '\0');
  }

  private void requireOpen() throws IOException {
    if (closed) {
      throw new IOException("the keystore backend is closed");
    }
  }

  /** The file's stamp, or {@code null} when there is no file yet (an empty registry). */
  private Stamp stamp() throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return new Stamp(a.fileKey(), a.size(), a.lastModifiedTime());
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "FileKeystoreBackend[" + file + "]";
  }
}
