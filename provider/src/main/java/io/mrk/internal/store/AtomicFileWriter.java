package io.mrk.internal.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Replaces a file's content so that a crash at any moment leaves either the old content or the new,
 * never a mixture: write a temporary file in the same directory, force it to disk, rename it over
 * the target atomically, then force the directory so the rename itself is durable.
 *
 * <p>The caller must hold the target's {@link KeystoreLock}: the temporary file has a fixed name,
 * {@code <file>.tmp}, so a leftover from a writer that crashed is simply replaced by the next one.
 * Files are created owner-only ({@code rw-------}) where the file system is POSIX.
 */
final class AtomicFileWriter {

  /** The points where a test can make a write fail. */
  enum Stage { HALF_WRITTEN, BEFORE_RENAME }

  /** A test seam: throws to simulate an I/O failure at a stage. */
  @FunctionalInterface
  interface Fault {
    void at(Stage stage) throws IOException;
  }

  static final AtomicFileWriter DEFAULT = new AtomicFileWriter(stage -> {});

  private final Fault fault;

  AtomicFileWriter(Fault fault) {
    this.fault = fault;
  }

  /** The temporary file a write of {@code target} goes through. */
  static Path temporaryFileFor(Path target) {
    return target.resolveSibling(target.getFileName() + ".tmp");
  }

  /** Makes {@code content} the content of {@code target}; on failure the old file is untouched and no temporary file is left. */
  void write(Path target, byte[] content) throws IOException {
    Path temporary = temporaryFileFor(target);
    Files.deleteIfExists(temporary);
    try {
      try (FileChannel channel = FileChannel.open(temporary,
          EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(temporary))) {
        int half = content.length / 2;
        writeFully(channel, ByteBuffer.wrap(content, 0, half));
        fault.at(Stage.HALF_WRITTEN);
        writeFully(channel, ByteBuffer.wrap(content, half, content.length - half));
        channel.force(true);
      }
      fault.at(Stage.BEFORE_RENAME);
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException | Error e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    forceDirectory(target.toAbsolutePath().getParent());
  }

  /** Creation attributes for owner-only access, or none where POSIX permissions do not exist. */
  static FileAttribute<?>[] ownerOnly(Path path) {
    if (!path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    Set<PosixFilePermission> permissions = PosixFilePermissions.fromString("rw-------");
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /**
   * Forces a directory's entries to disk, making a rename durable. Some systems (Windows) refuse to
   * open a directory as a channel; there the rename is as durable as the OS makes it.
   */
  private static void forceDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException refused) {
      // The OS does not support syncing a directory; nothing more can be done portably.
    }
  }
}
