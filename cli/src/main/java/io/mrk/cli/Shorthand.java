package io.mrk.cli;

import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Tag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The aws CLI's shorthand syntax for the parameters MRK takes: tags, maps and blobs. */
final class Shorthand {

  private static final String FILEB = "fileb://";
  private static final String FILE = "file://";

  private Shorthand() {}

  /** {@code TagKey=k,TagValue=v} per argument, as {@code aws kms create-key --tags} takes them. */
  static List<Tag> tags(List<String> args) throws KmsException {
    List<Tag> tags = new ArrayList<>();
    for (String arg : args) {
      Map<String, String> fields = map(arg);
      String key = fields.get("TagKey");
      if (key == null || !fields.containsKey("TagValue") || fields.size() != 2) {
        throw new KmsException(KmsError.VALIDATION,
            "Tags are written TagKey=<key>,TagValue=<value>; got '" + arg + "'.");
      }
      tags.add(Tag.of(key, fields.get("TagValue")));
    }
    return tags;
  }

  /** {@code k=v,k2=v2}: keys and values may not contain ',' or '='; the first '=' separates. */
  static Map<String, String> map(String arg) throws KmsException {
    Map<String, String> out = new LinkedHashMap<>();
    if (arg == null || arg.isEmpty()) {
      return out;
    }
    for (String pair : arg.split(",", -1)) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new KmsException(KmsError.VALIDATION, "Expected key=value pairs separated by ','; got '" + pair + "'.");
      }
      String key = pair.substring(0, eq);
      if (out.put(key, pair.substring(eq + 1)) != null) {
        throw new KmsException(KmsError.VALIDATION, "Key '" + key + "' is given twice.");
      }
    }
    return out;
  }

  /** Several {@code k=v,...} arguments merged into one map. */
  static Map<String, String> maps(List<String> args) throws KmsException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String arg : args) {
      for (Map.Entry<String, String> e : map(arg).entrySet()) {
        if (out.put(e.getKey(), e.getValue()) != null) {
          throw new KmsException(KmsError.VALIDATION, "Key '" + e.getKey() + "' is given twice.");
        }
      }
    }
    return out;
  }

  /** A blob parameter: {@code fileb://PATH} (raw bytes) or base64 text, as the aws CLI v2 reads blobs. */
  static byte[] blob(String arg) throws KmsException, IOException {
    if (arg.startsWith(FILEB)) {
      return Files.readAllBytes(Path.of(arg.substring(FILEB.length())));
    }
    try {
      return Base64.getDecoder().decode(arg);
    } catch (IllegalArgumentException e) {
      throw new KmsException(KmsError.VALIDATION,
          "Blob parameters are fileb://FILE or base64 text; the value is neither.");
    }
  }

  /** A text parameter: {@code file://PATH} (UTF-8 text) or the text itself. */
  static String text(String arg) throws IOException {
    if (arg.startsWith(FILE)) {
      return Files.readString(Path.of(arg.substring(FILE.length())));
    }
    return arg;
  }
}
