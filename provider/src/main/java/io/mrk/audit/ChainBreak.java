package io.mrk.audit;

import java.nio.file.Path;

/**
 * The first place where an audit log stops proving what happened.
 *
 * @param file the Region's log file
 * @param lineNumber 1-based line number
 * @param sequence the line's sequence number when it could be read, else {@code null}
 * @param problem what kind of break
 * @param detail a sentence for humans
 */
public record ChainBreak(Path file, long lineNumber, Long sequence, ChainProblem problem, String detail) {

  public ChainBreak {
    if (file == null || lineNumber < 1 || problem == null || detail == null) {
      throw new IllegalArgumentException("a chain break names a file, a line, a problem and a detail");
    }
  }

  @Override
  public String toString() {
    return file + ":" + lineNumber + (sequence == null ? "" : " (sequence " + sequence + ")") + ": "
        + problem + ": " + detail;
  }
}
