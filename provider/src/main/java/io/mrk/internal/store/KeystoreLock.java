package io.mrk.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive access to one keystore file across threads and processes, held from acquire to close.
 *
 * <p>Two locks, taken in this order: an in-JVM lock per canonical path, then an exclusive
 * {@link FileLock} on the sidecar {@code <file>.lock}. The in-JVM lock is needed because a file lock
 * belongs to the whole process: a second thread asking for it gets an
 * {@link java.nio.channels.OverlappingFileLockException} rather than a wait. The sidecar, not the
 * keystore itself, is locked because the keystore is replaced by rename on every write, and a lock
 * on a replaced inode excludes nobody; the sidecar is never deleted for the same reason.
 */
final class KeystoreLock implements AutoCloseable {

  private static final Map<Path, Holders> IN_JVM = new HashMap<>();

  private final Path file;
  private final Holders holders;
  private final FileChannel channel;
  private final FileLock fileLock;

  private KeystoreLock(Path file, Holders holders, FileChannel channel, FileLock fileLock) {
    this.file = file;
    this.holders = holders;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /** The canonical path of the keystore this lock guards. */
  Path file() {
    return file;
  }

  /** The sidecar lock file of {@code file}. */
  static Path lockFileFor(Path file) {
    return file.resolveSibling(file.getFileName() + ".lock");
  }

  /**
   * Waits for exclusive access to {@code canonicalFile}, which must be a canonical path (its parent
   * resolved with {@link Path#toRealPath}) so that every name of one file shares one in-JVM lock.
   *
   * @throws IllegalStateException when this thread already holds it: a nested update of the same
   *     keystore would overwrite the outer one's change
   */
  static KeystoreLock acquire(Path canonicalFile) throws IOException {
    Holders holders = retain(canonicalFile);
    if (holders.lock.isHeldByCurrentThread()) {
      release(canonicalFile, holders);
      throw new IllegalStateException("this thread is already updating " + canonicalFile + "; nested updates are not supported");
    }
    holders.lock.lock();
    FileChannel channel = null;
    try {
      Path lockFile = lockFileFor(canonicalFile);
      channel = FileChannel.open(lockFile, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
          AtomicFileWriter.ownerOnly(lockFile));
      return new KeystoreLock(canonicalFile, holders, channel, channel.lock());
    } catch (IOException | RuntimeException | Error e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException closing) {
          e.addSuppressed(closing);
        }
      }
      holders.lock.unlock();
      release(canonicalFile, holders);
      throw e;
    }
  }

  /** Releases the file lock, then the in-JVM lock. */
  @Override
  public void close() throws IOException {
    try {
      fileLock.release();
    } finally {
      try {
        channel.close();
      } finally {
        holders.lock.unlock();
        release(file, holders);
      }
    }
  }

  private static Holders retain(Path file) {
    synchronized (IN_JVM) {
      Holders holders = IN_JVM.computeIfAbsent(file, f -> new Holders());
      holders.count++;
      return holders;
    }
  }

  /** Forgets a path's lock once nobody holds or waits for it, so the map stays as small as the set of busy files. */
  private static void release(Path file, Holders holders) {
    synchronized (IN_JVM) {
      holders.count--;
      if (holders.count == 0) {
        IN_JVM.remove(file);
      }
    }
  }

  /** One path's in-JVM lock and how many threads hold or wait for it. */
  private static final class Holders {
    final ReentrantLock lock = new ReentrantLock();
    int count;
  }
}
