package io.mrk.cli;

import io.mrk.EncryptionContext;
import io.mrk.json.Json;
import io.mrk.json.JsonException;
import io.mrk.kms.GrantConstraints;
import io.mrk.kms.KmsException;
import io.mrk.kms.Tag;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structured parameters in every form the aws CLI accepts: JSON ({@code '{"tenant":"7"}'}), the
 * shorthand syntax ({@code tenant=7}), and {@code file://} / {@code fileb://} for any of them. Each
 * value is parsed once, here, before a keystore is opened; a value that cannot be used is a
 * {@link ParamError} naming the parameter.
 */
final class Shorthand {

  /** KMS's limit on a key policy document (PolicyType), read bound for {@code file://policy.json}. */
  static final int MAX_POLICY_BYTES = 131_072;
  /** The largest structured value read from a parameter file (the provider's JSON parser bound). */
  static final int MAX_DOCUMENT_BYTES = Json.MAX_LENGTH;

  private static final Set<String> CONSTRAINTS = Set.of("EncryptionContextSubset", "EncryptionContextEquals");

  private Shorthand() {}

  /** A text parameter: the value itself, or the UTF-8 text of {@code file://} / {@code fileb://}. */
  static String text(String parameter, String value, int limit) throws ParamError {
    if (value == null) {
      return null;
    }
    return ParamFiles.isFile(value) ? ParamFiles.readText(parameter, value, limit) : value;
  }

  /**
   * A blob parameter as the aws CLI v2 reads blobs: {@code fileb://PATH} is raw bytes, anything else
   * (a literal or {@code file://PATH}) is base64 text.
   */
  static byte[] blob(String parameter, String value, int limit) throws ParamError {
    if (value.startsWith(ParamFiles.FILEB)) {
      return ParamFiles.read(parameter, value, limit);
    }
    String text = text(parameter, value, limit * 4 / 3 + 4).strip();
    try {
      byte[] data = Base64.getDecoder().decode(text);
      if (data.length > limit) {
        throw new ParamError(parameter, "the value is larger than the " + limit + " bytes " + parameter + " takes");
      }
      return data;
    } catch (IllegalArgumentException e) {
      throw new ParamError(parameter, "Invalid base64: \"" + abbreviate(text) + "\"");
    }
  }

  /** A string-to-string map ({@code --encryption-context}): JSON object or {@code k=v,...}; several values merge. */
  static Map<String, String> stringMap(String parameter, List<String> values) throws ParamError {
    Map<String, String> out = new LinkedHashMap<>();
    for (String value : values) {
      Map<String, Object> parsed = structure(parameter, value);
      for (Map.Entry<String, Object> e : parsed.entrySet()) {
        if (!(e.getValue() instanceof String s)) {
          throw invalidType(parameter, e.getKey(), e.getValue());
        }
        if (out.put(e.getKey(), s) != null) {
          throw new ParamError(parameter, "Second instance of key \"" + e.getKey() + "\"");
        }
      }
    }
    return out;
  }

  /** An encryption context that also fits the ciphertext's encoding (at most 65,535 bytes). */
  static Map<String, String> encryptionContext(String parameter, List<String> values) throws ParamError {
    Map<String, String> context = stringMap(parameter, values);
    try {
      EncryptionContext.encode(context);
    } catch (IllegalArgumentException e) {
      throw new ParamError(parameter, "the encryption context is too large: its encoding may hold at most "
          + EncryptionContext.MAX_BYTES + " bytes (" + e.getMessage() + ")");
    }
    return context;
  }

  /** {@code --tags}: a JSON list of {@code {"TagKey","TagValue"}} objects, or one {@code TagKey=k,TagValue=v} per value. */
  static List<Tag> tags(String parameter, List<String> values) throws ParamError, KmsException {
    List<Object> items = new ArrayList<>();
    for (String value : values) {
      String text = text(parameter, value, MAX_DOCUMENT_BYTES);
      if (text.strip().startsWith("[")) {
        Object parsed = json(parameter, text);
        if (!(parsed instanceof List<?> list)) {
          throw new ParamError(parameter, "Invalid JSON: expected a list of tags");
        }
        items.addAll(list);
      } else {
        items.add(structure(parameter, text));
      }
    }
    List<Tag> tags = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof Map<?, ?> fields)) {
        throw new ParamError(parameter, "Invalid type for parameter Tags[" + tags.size() + "]: expected a structure"
            + " with TagKey and TagValue");
      }
      for (Object name : fields.keySet()) {
        if (!"TagKey".equals(name) && !"TagValue".equals(name)) {
          throw new ParamError(parameter, "Unknown parameter in Tags[" + tags.size() + "]: \"" + name
              + "\", must be one of: TagKey, TagValue");
        }
      }
      if (!(fields.get("TagKey") instanceof String key) || !(fields.get("TagValue") instanceof String value)) {
        throw new ParamError(parameter, "Missing required parameter in Tags[" + tags.size()
            + "]: \"TagKey\" and \"TagValue\" are both required strings");
      }
      tags.add(Tag.of(key, value));
    }
    return tags;
  }

  /**
   * {@code create-grant --constraints}: {@code EncryptionContextSubset={k=v},EncryptionContextEquals={a=b}}
   * or the JSON object, parsed whole (two constraints in one value are both read, then refused: a
   * grant takes one). An empty constraint map
   * is refused: sent to KMS it constrains nothing, and a grant that looks constrained but is not
   * is the wrong default for a security control.
   */
  static GrantConstraints constraints(String parameter, String value) throws ParamError {
    if (value == null) {
      return GrantConstraints.NONE;
    }
    Map<String, Object> parsed = structure(parameter, value);
    Map<String, Map<String, String>> maps = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : parsed.entrySet()) {
      if (!CONSTRAINTS.contains(e.getKey())) {
        throw new ParamError(parameter, "Unknown parameter in Constraints: \"" + e.getKey()
            + "\", must be one of: EncryptionContextSubset, EncryptionContextEquals");
      }
      if (!(e.getValue() instanceof Map<?, ?> map)) {
        throw invalidType(parameter, e.getKey(), e.getValue());
      }
      Map<String, String> pairs = new LinkedHashMap<>();
      for (Map.Entry<?, ?> pair : map.entrySet()) {
        if (!(pair.getValue() instanceof String s)) {
          throw invalidType(parameter, e.getKey() + "." + pair.getKey(), pair.getValue());
        }
        pairs.put(String.valueOf(pair.getKey()), s);
      }
      if (pairs.isEmpty()) {
        throw new ParamError(parameter, "Constraints." + e.getKey() + " is empty: an empty constraint would"
            + " allow every encryption context; give at least one pair, or leave out --constraints");
      }
      maps.put(e.getKey(), pairs);
    }
    if (maps.size() > 1) {
      throw new ParamError(parameter, "Constraints has both EncryptionContextEquals and EncryptionContextSubset;"
          + " a grant takes one of them");
    }
    return new GrantConstraints(maps.getOrDefault("EncryptionContextEquals", Map.of()),
        maps.getOrDefault("EncryptionContextSubset", Map.of()));
  }

  /** A structure parameter: JSON object, or shorthand; from the value or a parameter file. */
  static Map<String, Object> structure(String parameter, String value) throws ParamError {
    String text = text(parameter, value, MAX_DOCUMENT_BYTES);
    if (text.strip().startsWith("{")) {
      Object parsed = json(parameter, text);
      if (!(parsed instanceof Map<?, ?> map)) {
        throw new ParamError(parameter, "Invalid JSON: expected an object");
      }
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), v));
      return out;
    }
    try {
      return ShorthandParser.parse(text);
    } catch (ShorthandParser.SyntaxError e) {
      throw new ParamError(parameter, e.getMessage());
    }
  }

  private static Object json(String parameter, String text) throws ParamError {
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_DOCUMENT_BYTES) {
      throw new ParamError(parameter, "Invalid JSON: longer than " + MAX_DOCUMENT_BYTES + " bytes");
    }
    try {
      return Json.parse(text);
    } catch (JsonException e) {
      throw new ParamError(parameter, "Invalid JSON: " + e.getMessage() + "\nJSON received: " + abbreviate(text));
    }
  }

  private static ParamError invalidType(String parameter, String member, Object value) {
    String type = value instanceof Map ? "structure" : value instanceof List ? "list" : value == null ? "null"
        : value instanceof String ? "string" : value instanceof Boolean ? "boolean" : "number";
    return new ParamError(parameter, "Invalid type for parameter " + member + ", value: " + abbreviate(String.valueOf(value))
        + ", type: " + type + ", valid types: string");
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
