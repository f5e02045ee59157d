package io.mrk.server;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's members, read after {@link ModelConstraints#validate} has checked their types and
 * constraints: each accessor returns {@code null} for an absent member.
 */
final class Input {

  static final Input EMPTY = new Input(Map.of());

  private final Map<String, Object> members;

  Input(Map<String, Object> members) {
    this.members = members;
  }

  String string(String name) {
    return members.get(name) instanceof String s ? s : null;
  }

  /** A member the operation cannot do without; the model's {@code required} list already enforced it. */
  String required(String name) throws ServiceError {
    String s = string(name);
    if (s == null) {
      throw ServiceError.validation("1 validation error detected: Value null at '"
          + ModelConstraints.lowerCamel(name) + "' failed to satisfy constraint: Member must not be null");
    }
    return s;
  }

  Integer integer(String name) {
    return members.get(name) instanceof BigDecimal d ? d.intValue() : null;
  }

  Boolean bool(String name) {
    return members.get(name) instanceof Boolean b ? b : null;
  }

  boolean has(String name) {
    return members.get(name) != null;
  }

  /** A base64 blob, decoded (the model check already proved it decodes). */
  byte[] blob(String name) {
    String s = string(name);
    return s == null ? null : Base64.getDecoder().decode(s);
  }

  /** A string-to-string map such as an encryption context; empty when absent. */
  Map<String, String> stringMap(String name) {
    Map<String, String> out = new LinkedHashMap<>();
    if (members.get(name) instanceof Map<?, ?> m) {
      m.forEach((k, v) -> out.put((String) k, (String) v));
    }
    return out;
  }

  /** A list of strings; {@code null} when absent. */
  List<String> strings(String name) {
    if (!(members.get(name) instanceof List<?> l)) {
      return null;
    }
    List<String> out = new ArrayList<>(l.size());
    l.forEach(v -> out.add((String) v));
    return out;
  }

  /** A list of structures; {@code null} when absent. */
  List<Input> structures(String name) {
    if (!(members.get(name) instanceof List<?> l)) {
      return null;
    }
    List<Input> out = new ArrayList<>(l.size());
    for (Object v : l) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) v;
      out.add(new Input(m));
    }
    return out;
  }

  /** A structure member; {@code null} when absent. */
  Input structure(String name) {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = members.get(name) instanceof Map<?, ?> ? (Map<String, Object>) members.get(name) : null;
    return m == null ? null : new Input(m);
  }
}
