package io.mrk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code file://} and {@code fileb://} parameter values, read with a bound: at most {@code limit}
 * bytes are read, and one byte more proves the file too large, so {@code fileb:///dev/zero} fails at
 * once instead of filling the heap. Errors read as the aws CLI's ({@code Unable to load paramfile
 * fileb://x: [Errno 2] No such file or directory: 'x'}).
 */
final class ParamFiles {

  static final String FILE = "file://";
  static final String FILEB = "fileb://";

  private ParamFiles() {}

  /** True when the value names a parameter file. */
  static boolean isFile(String value) {
    return value.startsWith(FILE) || value.startsWith(FILEB);
  }

  /** The bytes of {@code file://PATH} or {@code fileb://PATH}, at most {@code limit} of them. */
  static byte[] read(String parameter, String value, int limit) throws ParamError {
    String path = value.substring(value.startsWith(FILEB) ? FILEB.length() : FILE.length());
    Path file = Path.of(path);
    if (Files.isDirectory(file)) {
      throw unable(parameter, value, "[Errno 21] Is a directory: '" + path + "'");
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] data = in.readNBytes(limit + 1);
      if (data.length > limit) {
        throw unable(parameter, value, "the file is larger than the " + limit + " bytes " + parameter + " takes");
      }
      return data;
    } catch (NoSuchFileException e) {
      throw unable(parameter, value, "[Errno 2] No such file or directory: '" + path + "'");
    } catch (AccessDeniedException e) {
      throw unable(parameter, value, "[Errno 13] Permission denied: '" + path + "'");
    } catch (FileSystemException e) {
      throw unable(parameter, value, (e.getReason() != null ? e.getReason() : "cannot be read") + ": '" + path + "'");
    } catch (IOException e) {
      throw unable(parameter, value, e.getMessage() + ": '" + path + "'");
    }
  }

  /** The text of a parameter file as strict UTF-8 (malformed bytes are refused, never replaced). */
  static String readText(String parameter, String value, int limit) throws ParamError {
    byte[] data = read(parameter, value, limit);
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data)).toString();
    } catch (CharacterCodingException e) {
      throw unable(parameter, value, "the file is not UTF-8 text");
    }
  }

  private static ParamError unable(String parameter, String value, String reason) {
    return new ParamError(parameter, "Unable to load paramfile " + value + ": " + reason);
  }
}
