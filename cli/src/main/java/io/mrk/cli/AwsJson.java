package io.mrk.cli;

import io.mrk.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders results the way the {@code aws} CLI prints JSON output: the provider's JSON writer in its
 * aws-CLI layout (field order kept, four-space indentation), with timestamps written as the aws CLI
 * writes them, ISO-8601 with microseconds and an explicit offset
 * ({@code 2026-11-29T03:52:37.123000+00:00}).
 */
final class AwsJson {

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

  private AwsJson() {}

  /** The value as aws CLI JSON, ending in a newline. */
  static String render(Object value) {
    return Json.writePretty(normalize(value)) + "\n";
  }

  /** The value with every timestamp as the aws CLI's text, ready for --query and every output style. */
  static Object normalize(Object value) {
    return withTimestampsAsText(value);
  }

  private static Object withTimestampsAsText(Object value) {
    if (value instanceof Instant t) {
      return TIMESTAMP.format(t);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), withTimestampsAsText(v)));
      return out;
    }
    if (value instanceof Collection<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(withTimestampsAsText(v)));
      return out;
    }
    return value;
  }
}
