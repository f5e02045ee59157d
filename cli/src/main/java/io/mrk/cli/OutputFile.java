package io.mrk.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code --out} target, written through a temporary file beside it and moved into place only
 * when complete. The target must be a new path or an existing regular file: renaming over a
 * device node, FIFO or symbolic link replaces the directory entry itself (a run with
 * {@code --out /dev/null} once turned the system's /dev/null into a regular file), so those are
 * refused before any work and checked again just before the move.
 *
 * <p>Temporary files are named {@code .<name>.mrk-tmp-<pid>-<random>}: a run that is killed
 * (SIGKILL, power loss) cannot delete its own, so every later run in the same directory deletes
 * those whose process is gone. Decrypted plaintext in a temporary file therefore lives at most
 * until the next mrk run that writes there; a run stopped by SIGINT or SIGTERM deletes its own.
 */
final class OutputFile implements AutoCloseable {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.mrk-tmp-(\\d+)-\\d+");

  private final String parameter;
  private final Path target;
  private final Path temporary;
  private final Thread cleanup;

  private OutputFile(String parameter, Path target, Path temporary) {
    this.parameter = parameter;
    this.target = target;
    this.temporary = temporary;
    this.cleanup = new Thread(this::deleteQuietly, "mrk-tmp-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
  }

  /**
   * Checks {@code out} and creates its temporary file (0600), after removing dead runs' leftovers.
   * The shutdown hook that deletes it is registered before the file exists, so a SIGTERM at any
   * moment leaves no temporary file behind (a SIGKILL leaves one that the next run removes).
   */
  static OutputFile create(String parameter, Path out) throws ParamError, IOException {
    Path target = check(parameter, out);
    Path dir = target.getParent();
    removeLeftovers(dir);
    String prefix = "." + target.getFileName() + ".mrk-tmp-" + ProcessHandle.current().pid() + "-";
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong()));
      OutputFile file = new OutputFile(parameter, target, tmp);
      try {
        createOwnerOnly(tmp);
        return file;
      } catch (FileAlreadyExistsException taken) {
        file.unregister();
        if (attempt >= 100) {
          throw taken;
        }
      } catch (IOException | RuntimeException e) {
        file.unregister();
        throw e;
      }
    }
  }

  private static void createOwnerOnly(Path tmp) throws IOException {
    if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(tmp);
    }
  }

  /** Drops the shutdown hook of a temporary file this run did not create. */
  private void unregister() {
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is exiting; the hook would only delete a path of this pid
    }
  }

  /** The absolute target, refused unless it is a new path in an existing directory or a regular file. */
  static Path check(String parameter, Path out) throws ParamError {
    Path target = out.toAbsolutePath().normalize();
    if (target.getFileName() == null || target.getParent() == null) {
      throw new ParamError(parameter, out + ": Is a directory");
    }
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      if (!Files.isDirectory(target.getParent())) {
        throw new ParamError(parameter, out + ": the directory " + target.getParent() + " does not exist");
      }
      return target;
    }
    if (attributes.isSymbolicLink()) {
      throw new ParamError(parameter, out + ": is a symbolic link; mrk replaces only regular files (give the"
          + " link's target instead)");
    }
    if (attributes.isDirectory()) {
      throw new ParamError(parameter, out + ": Is a directory");
    }
    if (!attributes.isRegularFile()) {
      throw new ParamError(parameter, out + ": is not a regular file (a device, FIFO or socket); mrk writes"
          + " only new paths and regular files, which it replaces atomically");
    }
    return target;
  }

  Path temporary() {
    return temporary;
  }

  /** Moves the finished temporary file over the target, after checking the target once more. */
  void commit() throws ParamError, IOException {
    check(parameter, target);
    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(temporary);
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run: it deletes the same file
    }
  }

  private void deleteQuietly() {
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException ignored) {
      // best effort on the way out; the next run removes it
    }
  }

  /** Deletes temporary files of mrk runs in {@code dir} whose process no longer exists. */
  static void removeLeftovers(Path dir) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".*.mrk-tmp-*")) {
      for (Path p : entries) {
        Matcher m = TEMPORARY.matcher(p.getFileName().toString());
        if (m.matches() && !alive(Long.parseLong(m.group(1))) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      // an unreadable directory fails later, at createTempFile, with the OS's reason
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }
}
