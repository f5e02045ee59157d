package io.mrk.server;

import io.mrk.json.Json;
import io.mrk.json.JsonException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The KMS model's input constraints (lengths, ranges, patterns, enums, required members), read from
 * {@code kms-constraints.json}: a table derived from botocore's {@code service-2.json} by
 * {@code server/src/build/derive_constraints.py}, which records the model's version and hash.
 *
 * <p>{@link #validate} checks a parsed request against its operation's input shape and reports every
 * violation in AWS's {@code ValidationException} wording; a value of the wrong JSON type is a
 * {@code SerializationException}. Unknown members are ignored, as the protocol asks. Lengths are
 * checked before patterns, so no pattern runs on more than the shape's maximum length.
 */
final class ModelConstraints {

  static final String RESOURCE = "kms-constraints.json";

  /** At most this many violations are listed in one message. */
  private static final int MAX_REPORTED = 10;

  private record Shape(String type, Long min, Long max, Pattern pattern, String patternText, List<String> enums,
                       Map<String, String> members, Set<String> required, String member, String key,
                       String value) {}

  private final Map<String, String> operations;
  private final Map<String, Shape> shapes;
  private final List<String> faults;

  private ModelConstraints(Map<String, String> operations, Map<String, Shape> shapes, List<String> faults) {
    this.operations = operations;
    this.shapes = shapes;
    this.faults = faults;
  }

  /** The table shipped with the server. */
  static ModelConstraints load() {
    try (InputStream in = ModelConstraints.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the server's resources");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JsonException e) {
      throw new IllegalStateException(RESOURCE + " is not valid JSON", e);
    }
  }

  @SuppressWarnings("unchecked")
  static ModelConstraints parse(String text) throws JsonException {
    Map<String, Object> doc = (Map<String, Object>) Json.parse(text);
    Map<String, String> operations = new HashMap<>();
    ((Map<String, Object>) doc.get("operations")).forEach((op, shape) -> operations.put(op, (String) shape));
    Map<String, Shape> shapes = new HashMap<>();
    ((Map<String, Object>) doc.get("shapes")).forEach((name, raw) -> {
      Map<String, Object> s = (Map<String, Object>) raw;
      String pattern = (String) s.get("pattern");
      Map<String, String> members = new HashMap<>();
      if (s.get("members") instanceof Map<?, ?> m) {
        m.forEach((k, v) -> members.put((String) k, (String) v));
      }
      shapes.put(name, new Shape((String) s.get("type"), number(s.get("min")), number(s.get("max")),
          pattern == null ? null : Pattern.compile(pattern), pattern,
          s.get("enum") == null ? null : List.copyOf((List<String>) s.get("enum")), Map.copyOf(members),
          s.get("required") == null ? Set.of() : Set.copyOf((List<String>) s.get("required")),
          (String) s.get("member"), (String) s.get("key"), (String) s.get("value")));
    });
    return new ModelConstraints(Map.copyOf(operations), Map.copyOf(shapes),
        List.copyOf((List<String>) doc.get("faults")));
  }

  private static Long number(Object o) {
    return o == null ? null : ((BigDecimal) o).longValueExact();
  }

  /** True when the model names {@code operation}. */
  boolean knows(String operation) {
    return operations.containsKey(operation);
  }

  /** The model's fault (HTTP 500) error names. */
  List<String> faults() {
    return faults;
  }

  /** Checks {@code input} against {@code operation}'s input shape. */
  void validate(String operation, Map<String, Object> input) throws ServiceError {
    String shape = operations.get(operation);
    if (shape == null) {
      return;
    }
    List<String> violations = new ArrayList<>();
    check(shape, input, null, violations);
    if (!violations.isEmpty()) {
      int n = violations.size();
      List<String> shown = violations.subList(0, Math.min(n, MAX_REPORTED));
      throw ServiceError.validation(n + " validation error" + (n == 1 ? "" : "s") + " detected: "
          + String.join("; ", shown));
    }
  }

  private void check(String shapeName, Object value, String path, List<String> out) throws ServiceError {
    Shape s = shapes.get(shapeName);
    switch (s.type()) {
      case "structure" -> structure(s, value, path, out);
      case "string" -> string(s, value, path, out);
      case "blob" -> blob(s, value, path, out);
      case "integer", "long" -> integer(s, value, path, out);
      case "boolean" -> {
        if (!(value instanceof Boolean)) {
          throw wrongType(path, "boolean");
        }
      }
      case "timestamp" -> {
        if (!(value instanceof BigDecimal)) {
          throw wrongType(path, "timestamp (epoch seconds)");
        }
      }
      case "list" -> list(s, value, path, out);
      case "map" -> map(s, value, path, out);
      default -> throw new IllegalStateException("unknown shape type " + s.type());
    }
  }

  private void structure(Shape s, Object value, String path, List<String> out) throws ServiceError {
    if (!(value instanceof Map<?, ?> m)) {
      throw wrongType(path, "structure");
    }
    for (Map.Entry<String, String> member : s.members().entrySet()) {
      String memberPath = (path == null ? "" : path + ".") + lowerCamel(member.getKey());
      Object v = m.get(member.getKey());
      if (v == null) {
        if (s.required().contains(member.getKey())) {
          out.add("Value null at '" + memberPath + "' failed to satisfy constraint: Member must not be null");
        }
        continue;
      }
      check(member.getValue(), v, memberPath, out);
    }
  }

  private static void string(Shape s, Object value, String path, List<String> out) throws ServiceError {
    if (!(value instanceof String text)) {
      throw wrongType(path, "string");
    }
    int before = out.size();
    length(s, text.length(), "'" + printable(text) + "'", path, out);
    if (out.size() == before && s.pattern() != null && !s.pattern().matcher(text).find()) {
      out.add("Value '" + printable(text) + "' at '" + path
          + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + s.patternText());
    }
    if (s.enums() != null && !s.enums().contains(text)) {
      out.add("Value '" + printable(text) + "' at '" + path
          + "' failed to satisfy constraint: Member must satisfy enum value set: " + s.enums());
    }
  }

  private static void blob(Shape s, Object value, String path, List<String> out) throws ServiceError {
    if (!(value instanceof String text)) {
      throw wrongType(path, "blob (base64)");
    }
    int bytes;
    try {
      bytes = Base64.getDecoder().decode(text).length;
    } catch (IllegalArgumentException e) {
      throw ServiceError.serialization("Value at '" + path + "' is not valid base64.");
    }
    // Blob values are never echoed: they may be plaintext.
    length(s, bytes, "at", path, out);
  }

  private static void integer(Shape s, Object value, String path, List<String> out) throws ServiceError {
    if (!(value instanceof BigDecimal d) || d.precision() - d.scale() > 19 || d.stripTrailingZeros().scale() > 0) {
      throw wrongType(path, "integer");
    }
    long v = d.longValue();
    if (s.min() != null && v < s.min()) {
      out.add("Value '" + v + "' at '" + path + "' failed to satisfy constraint: Member must have value greater"
          + " than or equal to " + s.min());
    }
    if (s.max() != null && v > s.max()) {
      out.add("Value '" + v + "' at '" + path + "' failed to satisfy constraint: Member must have value less"
          + " than or equal to " + s.max());
    }
  }

  private void list(Shape s, Object value, String path, List<String> out) throws ServiceError {
    if (!(value instanceof List<?> items)) {
      throw wrongType(path, "list");
    }
    length(s, items.size(), "'" + printable(String.valueOf(items)) + "'", path, out);
    for (int i = 0; i < items.size() && out.size() < MAX_REPORTED; i++) {
      Object item = items.get(i);
      if (item == null) {
        throw wrongType(path + "." + (i + 1) + ".member", "non-null value");
      }
      check(s.member(), item, path + "." + (i + 1) + ".member", out);
    }
  }

  private void map(Shape s, Object value, String path, List<String> out) throws ServiceError {
    if (!(value instanceof Map<?, ?> m)) {
      throw wrongType(path, "map");
    }
    length(s, m.size(), "'" + printable(String.valueOf(m)) + "'", path, out);
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (out.size() >= MAX_REPORTED) {
        break;
      }
      if (e.getValue() == null) {
        throw wrongType(path + ".value", "non-null value");
      }
      check(s.key(), e.getKey(), path + ".key", out);
      check(s.value(), e.getValue(), path + ".value", out);
    }
  }

  private static void length(Shape s, long length, String shown, String path, List<String> out) {
    String value = "at".equals(shown) ? "Value at" : "Value " + shown + " at";
    if (s.min() != null && length < s.min()) {
      out.add(value + " '" + path + "' failed to satisfy constraint: Member must have length greater than or"
          + " equal to " + s.min());
    } else if (s.max() != null && length > s.max()) {
      out.add(value + " '" + path + "' failed to satisfy constraint: Member must have length less than or"
          + " equal to " + s.max());
    }
  }

  private static ServiceError wrongType(String path, String expected) {
    return ServiceError.serialization("Value at '" + (path == null ? "(body)" : path) + "' must be a "
        + expected + ".");
  }

  /** AWS writes member paths in lower camel case: {@code KeyId} is {@code keyId}. */
  static String lowerCamel(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /** The value as AWS echoes it, cut to 256 characters. */
  private static String printable(String s) {
    return s.length() <= 256 ? s : s.substring(0, 256) + "...";
  }
}
