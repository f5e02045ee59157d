package io.mrk.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** An I/O failure as one line that names the path and the operating system's reason. */
final class IoErrors {

  private IoErrors() {}

  static String describe(IOException e) {
    if (e instanceof FileSystemException f) {
      String reason = f.getReason();
      if (reason == null) {
        reason = e instanceof NoSuchFileException ? "No such file or directory"
            : e instanceof AccessDeniedException ? "Permission denied"
            : e instanceof FileAlreadyExistsException ? "File exists"
            : e instanceof NotDirectoryException ? "Not a directory"
            : e instanceof DirectoryNotEmptyException ? "Directory not empty"
            : e.getClass().getSimpleName();
      }
      String path = f.getFile();
      String other = f.getOtherFile();
      return (path != null ? path + (other != null ? " -> " + other : "") + ": " : "") + reason;
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
