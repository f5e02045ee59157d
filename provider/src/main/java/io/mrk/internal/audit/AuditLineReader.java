package io.mrk.internal.audit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a JSON Lines log one line at a time, bounded by {@link AuditLogFiles#MAX_LINE_BYTES}, decoding
 * UTF-8 strictly and telling whether each line was terminated by a newline (an unterminated last
 * line is a write that was cut short).
 */
final class AuditLineReader implements Closeable {

  /**
   * One line of the file.
   *
   * @param text the decoded line without its newline, or {@code null} when it is not valid UTF-8
   * @param endOffset the file offset just after the line (after its newline when terminated)
   */
  record Line(long number, String text, boolean terminated, boolean tooLong, long endOffset) {
  }

  private final InputStream in;
  private long number;
  private long offset;

  AuditLineReader(Path file) throws IOException {
    this(Files.newInputStream(file), 0, 0);
  }

  /** Reads {@code in}, positioned at file offset {@code offset} after line {@code linesBefore}. */
  AuditLineReader(InputStream in, long offset, long linesBefore) {
    this.in = new BufferedInputStream(in, 64 * 1024);
    this.offset = offset;
    this.number = linesBefore;
  }

  /** The next line, or {@code null} at the end of the file. */
  Line next() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean tooLong = false;
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      offset++;
      if (bytes.size() < AuditLogFiles.MAX_LINE_BYTES) {
        bytes.write(b);
      } else {
        tooLong = true;
      }
    }
    if (b == -1 && bytes.size() == 0 && !tooLong) {
      return null;
    }
    number++;
    if (b == '\n') {
      offset++;
    }
    return new Line(number, tooLong ? null : decode(bytes.toByteArray()), b == '\n', tooLong, offset);
  }

  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
