package io.mrk.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code --output text}, laid out by the aws CLI's rules: a structure's scalar members on one
 * tab-separated line in key order, prefixed by the upper-cased name of the member that holds it;
 * its lists and structures follow, each under its own name; a list of structures prints one line
 * per element with the union of their scalar keys as columns; a list of scalars prints as one line.
 */
final class TextOutput {

  private final StringBuilder out = new StringBuilder();

  private TextOutput() {}

  static String render(Object value) {
    TextOutput t = new TextOutput();
    t.value(value, null, null);
    return t.out.toString();
  }

  private void value(Object item, String identifier, List<String> scalarKeys) {
    if (item instanceof Map<?, ?> map) {
      structure(map, identifier, scalarKeys);
    } else if (item instanceof List<?> list) {
      list(list, identifier);
    } else {
      out.append(Scalars.str(item)).append('\n');
    }
  }

  private void list(List<?> items, String identifier) {
    if (items.isEmpty()) {
      return;
    }
    if (items.stream().anyMatch(e -> e instanceof Map)) {
      List<String> keys = scalarKeysOf(items);
      for (Object element : items) {
        value(element, identifier, keys);
      }
    } else if (items.stream().anyMatch(e -> e instanceof List)) {
      List<Object> scalars = new ArrayList<>();
      List<Object> nested = new ArrayList<>();
      for (Object e : items) {
        (Scalars.isScalar(e) ? scalars : nested).add(e);
      }
      if (!scalars.isEmpty()) {
        scalarList(scalars, identifier);
      }
      for (Object e : nested) {
        value(e, identifier, null);
      }
    } else {
      scalarList(items, identifier);
    }
  }

  private void scalarList(List<?> items, String identifier) {
    if (identifier != null) {
      for (Object item : items) {
        out.append(identifier.toUpperCase(java.util.Locale.ROOT)).append('\t').append(Scalars.str(item)).append('\n');
      }
    } else {
      List<String> cells = new ArrayList<>();
      items.forEach(i -> cells.add(Scalars.str(i)));
      out.append(String.join("\t", cells)).append('\n');
    }
  }

  private void structure(Map<?, ?> map, String identifier, List<String> scalarKeys) {
    List<String> scalars = new ArrayList<>();
    Map<String, Object> nonScalars = new TreeMap<>();
    if (scalarKeys == null) {
      for (Map.Entry<String, Object> e : sorted(map).entrySet()) {
        if (Scalars.isScalar(e.getValue())) {
          scalars.add(Scalars.str(e.getValue()));
        } else {
          nonScalars.put(e.getKey(), e.getValue());
        }
      }
    } else {
      for (String key : scalarKeys) {
        Object v = map.get(key);
        scalars.add(v == null && !map.containsKey(key) ? "" : Scalars.str(v));
      }
      for (Map.Entry<String, Object> e : sorted(map).entrySet()) {
        if (!scalarKeys.contains(e.getKey())) {
          nonScalars.put(e.getKey(), e.getValue());
        }
      }
    }
    if (!scalars.isEmpty()) {
      if (identifier != null) {
        scalars.add(0, identifier.toUpperCase(java.util.Locale.ROOT));
      }
      out.append(String.join("\t", scalars)).append('\n');
    }
    nonScalars.forEach((k, v) -> value(v, k, null));
  }

  private static List<String> scalarKeysOf(List<?> items) {
    TreeSet<String> keys = new TreeSet<>();
    for (Object item : items) {
      if (item instanceof Map<?, ?> map) {
        map.forEach((k, v) -> {
          if (Scalars.isScalar(v)) {
            keys.add(String.valueOf(k));
          }
        });
      }
    }
    return new ArrayList<>(keys);
  }

  private static Map<String, Object> sorted(Map<?, ?> map) {
    Map<String, Object> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
