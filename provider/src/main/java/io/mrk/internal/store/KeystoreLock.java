package io.mrk.internal.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>Waiting is bounded: after the timeout {@link KeystoreBusyException} names the holder, which
 * every holder writes into the sidecar once it has the lock ({@code pid=<pid> host=<host>
 * since=<instant>}); the text is informational and never trusted for anything else.
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
  static KeystoreLock acquire(Path canonicalFile, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Holders holders = retain(canonicalFile);
    if (holders.lock.isHeldByCurrentThread()) {
      release(canonicalFile, holders);
      throw new IllegalStateException("this thread is already updating " + canonicalFile + "; nested updates are not supported");
    }
    Path lockFile = lockFileFor(canonicalFile);
    try {
      if (!holders.lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        release(canonicalFile, holders);
        throw new KeystoreBusyException(canonicalFile, timeout, "another thread of this process ("
            + ProcessHandle.current().pid() + ")");
      }
    } catch (InterruptedException e) {
      release(canonicalFile, holders);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the lock of " + canonicalFile);
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(lockFile, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
          AtomicFileWriter.ownerOnly(lockFile));
      FileLock fileLock = waitFor(channel, deadline);
      if (fileLock == null) {
        throw new KeystoreBusyException(canonicalFile, timeout, holderOf(lockFile));
      }
      writeHolder(channel);
      return new KeystoreLock(canonicalFile, holders, channel, fileLock);
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

  /** Polls for the file lock until {@code deadline} (System.nanoTime); null when it passed. */
  private static FileLock waitFor(FileChannel channel, long deadline) throws IOException {
    long pause = 1;
    while (true) {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return lock;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      try {
        Thread.sleep(Math.min(pause, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for a keystore lock");
      }
      pause = Math.min(pause * 2, 50);
    }
  }

  /** Records who holds the lock, for the message of a writer that gives up waiting. */
  private static void writeHolder(FileChannel channel) throws IOException {
    byte[] text = ("pid=" + ProcessHandle.current().pid() + " host=" + HOST + " since=" + Instant.now() + "\n")
        .getBytes(StandardCharsets.UTF_8);
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(text), 0);
  }

  /** What the current holder wrote into the sidecar, printable and at most 200 characters. */
  static String holderOf(Path lockFile) {
    try (FileChannel in = FileChannel.open(lockFile, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocate(200);
      in.read(b, 0);
      String text = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "an unknown process" : text.replaceAll("[^\\x20-\\x7e]", "?");
    } catch (IOException e) {
      return "an unknown process";
    }
  }

  private static final String HOST = hostName();

  /** This machine's name without a network lookup: $HOSTNAME, else /etc/hostname, else "unknown". */
  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env.strip();
    }
    try {
      Path etc = Path.of("/etc/hostname");
      if (Files.isRegularFile(etc) && Files.size(etc) < 256) {
        String name = Files.readString(etc).strip();
        if (!name.isEmpty()) {
          return name;
        }
      }
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
    return "unknown";
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
