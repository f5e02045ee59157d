package io.mrk.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Stores a sealed keystore in a file: bounded reads, crash-safe writes and serialised
 * read-modify-write between threads and processes.
 *
 * <p>Writers hold the keystore's {@link KeystoreLock} and replace the file with
 * {@link AtomicFileWriter}; readers take no lock, because a rename swaps the whole file at once and
 * so a reader sees the old file or the new one, never a half-written one.
 */
public final class KeystoreFile {

  /** How long a writer waits for another writer's lock before giving up: 30 seconds. */
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);

  /** The longest chain of symbolic links followed to find a keystore's real file. */
  private static final int MAX_LINKS = 40;

  private KeystoreFile() {}

  /**
   * The file's size and trailing SHA-256 checksum: changes whenever the file is replaced by another
   * write (every write has a fresh nonce), read without opening the payload; null when there is no file.
   */
  public static byte[] fingerprint(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      ByteBuffer b = ByteBuffer.allocate(8 + KeystoreHeader.DIGEST_BYTES);
      b.putLong(size);
      if (size >= KeystoreHeader.DIGEST_BYTES) {
        channel.read(b, size - KeystoreHeader.DIGEST_BYTES);
      }
      return b.array();
    } catch (NoSuchFileException absent) {
      return null;
    }
  }

  /** The fingerprint ({@link #fingerprint}) of sealed bytes about to be or just written. */
  public static byte[] fingerprintOf(byte[] sealed) {
    ByteBuffer b = ByteBuffer.allocate(8 + KeystoreHeader.DIGEST_BYTES);
    b.putLong(sealed.length);
    if (sealed.length >= KeystoreHeader.DIGEST_BYTES) {
      b.put(sealed, sealed.length - KeystoreHeader.DIGEST_BYTES, KeystoreHeader.DIGEST_BYTES);
    }
    return b.array();
  }

  /** What a session's write asks to seal: the payload and the generation it is. */
  public record Sealable(byte[] payload, long generation) {}

  /** A session's read-modify-write: returns what to seal, or null to leave the file as it is. */
  @FunctionalInterface
  public interface SessionUpdate<E extends Exception> {
    /** @param current the payload now in the file, owned by the callee; null when there is none yet */
    Sealable apply(byte[] current) throws E;
  }

  /**
   * As {@link #update}, for a session: opens and seals with {@code credentials} (no KDF when the
   * file's salt is the cached one), waits at most {@code lockTimeout} for the lock.
   *
   * @return the fingerprint of the file written, or null when {@code op} returned null
   * @throws KeystoreBusyException when the lock stays held by another writer for {@code lockTimeout}
   */
  public static <E extends Exception> byte[] update(Path file, KeystoreCredentials credentials,
      Duration lockTimeout, SecureRandom random, SessionUpdate<E> op) throws IOException, E {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(op, "op");
    try (KeystoreLock lock = KeystoreLock.acquire(canonical(file), lockTimeout)) {
      byte[] sealed = readIfPresent(lock.file());
      byte[] current = sealed == null ? null : credentials.open(KeystoreHeader.readVerified(sealed), sealed);
      Sealable next = op.apply(current);
      if (next == null) {
        return null;
      }
      byte[] written;
      try {
        written = credentials.sealNext(next.payload(), next.generation(), random);
      } finally {
        Arrays.fill(next.payload(), (byte) 0);
      }
      AtomicFileWriter.DEFAULT.write(lock.file(), written);
      return fingerprintOf(written);
    }
  }

  /**
   * The bytes of a sealed keystore file.
   *
   * @throws NoSuchFileException when there is no such file
   * @throws CorruptKeystoreException when it is larger than {@link SealedKeystore#MAX_FILE_BYTES}
   */
  public static byte[] read(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > SealedKeystore.MAX_FILE_BYTES) {
        throw tooLarge(file.toString());
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer) < 0) {
          throw new CorruptKeystoreException("keystore " + file + " shrank while it was being read");
        }
      }
      return buffer.array();
    }
  }

  /**
   * The bytes of a sealed keystore read from a stream to its end, for {@code KeyStoreSpi.engineLoad}.
   *
   * @throws CorruptKeystoreException when the stream holds more than {@link SealedKeystore#MAX_FILE_BYTES}
   */
  public static byte[] read(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(SealedKeystore.MAX_FILE_BYTES);
    if (in.read() >= 0) {
      throw tooLarge("stream");
    }
    return bytes;
  }

  /** Reads and opens a keystore file; see {@link SealedKeystore#open} for the failures. */
  public static byte[] load(Path file, char[] password) throws IOException {
    return SealedKeystore.open(read(file), password);
  }

  /**
   * Seals {@code payload} and makes it the content of {@code file}, whatever was there before
   * (for {@code KeyStore.store} and exports); locked and crash-safe.
   */
  public static void write(Path file, byte[] payload, char[] password, KdfParameters kdf, SecureRandom random)
      throws IOException {
    write(file, payload, password, kdf, random, AtomicFileWriter.DEFAULT);
  }

  /**
   * Applies {@code op} to the keystore's payload under the keystore's lock and writes the result,
   * so concurrent updates from threads or processes never lose one another's change.
   *
   * <p>An existing file is opened with {@code password} and resealed under its own KDF parameters;
   * when there is none, {@code op} sees null and a new file uses {@code kdfForNewFile}. Every write
   * draws a new salt and nonce. When {@code op} throws or the write fails, the previous file stays
   * as it was.
   *
   * @return the payload the file holds afterwards: {@code op}'s result, or, when {@code op} returned
   *     null, the array it was given (null when there is still no file)
   * @throws KeystoreFileException when the existing file cannot be opened
   * @throws E what {@code op} throws, unwrapped
   */
  public static <E extends Exception> byte[] update(Path file, char[] password, KdfParameters kdfForNewFile,
      SecureRandom random, PayloadUpdate<E> op) throws IOException, E {
    return update(file, password, kdfForNewFile, random, op, AtomicFileWriter.DEFAULT);
  }

  static void write(Path file, byte[] payload, char[] password, KdfParameters kdf, SecureRandom random,
      AtomicFileWriter writer) throws IOException {
    byte[] sealed = SealedKeystore.seal(payload, password, kdf, random);
    try (KeystoreLock lock = KeystoreLock.acquire(canonical(file), DEFAULT_LOCK_TIMEOUT)) {
      writer.write(lock.file(), sealed);
    }
  }

  static <E extends Exception> byte[] update(Path file, char[] password, KdfParameters kdfForNewFile,
      SecureRandom random, PayloadUpdate<E> op, AtomicFileWriter writer) throws IOException, E {
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(kdfForNewFile, "kdfForNewFile");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(op, "op");
    try (KeystoreLock lock = KeystoreLock.acquire(canonical(file), DEFAULT_LOCK_TIMEOUT)) {
      byte[] sealed = readIfPresent(lock.file());
      KeystoreHeader header = sealed == null ? null : KeystoreHeader.readVerified(sealed);
      byte[] current = header == null ? null : SealedKeystore.open(header, sealed, password);
      KdfParameters kdf = header == null ? kdfForNewFile : header.kdf();
      byte[] next = op.apply(current);
      if (next == null) {
        return current;
      }
      writer.write(lock.file(), SealedKeystore.seal(next, password, kdf, random));
      return next;
    }
  }

  private static byte[] readIfPresent(Path file) throws IOException {
    try {
      return read(file);
    } catch (NoSuchFileException absent) {
      return null;
    }
  }

  /**
   * The file's real path, so that every name of one keystore maps to one lock (which therefore sits
   * next to the real file) and a symbolic link is written through to its target rather than
   * replaced; for a file that does not exist yet, its directory's real path and its name. A dangling
   * link is followed to the file it names, so the first write creates that file and keeps the link.
   */
  static Path canonical(Path file) throws IOException {
    Path absolute = file.toAbsolutePath().normalize();
    for (int links = 0; links <= MAX_LINKS; links++) {
      Path name = absolute.getFileName();
      if (name == null) {
        throw new IOException("keystore path " + file + " names no file");
      }
      try {
        return absolute.toRealPath();
      } catch (NoSuchFileException absent) {
        if (!Files.isSymbolicLink(absolute)) {
          return absolute.getParent().toRealPath().resolve(name);
        }
        absolute = absolute.resolveSibling(Files.readSymbolicLink(absolute)).toAbsolutePath().normalize();
      }
    }
    throw new IOException("keystore path " + file + " goes through more than " + MAX_LINKS + " symbolic links");
  }

  private static CorruptKeystoreException tooLarge(String source) {
    return new CorruptKeystoreException("keystore " + source + " is larger than the limit of "
        + SealedKeystore.MAX_FILE_BYTES + " bytes");
  }
}
