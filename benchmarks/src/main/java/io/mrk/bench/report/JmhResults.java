package io.mrk.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the file JMH writes with {@code -rf json -rff FILE} into {@link Measurement}s. */
final class JmhResults {

  private static final String ALLOC_NORM = "gc.alloc.rate.norm";

  private JmhResults() {}

  static List<Measurement> read(Path file) throws IOException {
    JsonArray runs;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      JsonElement root = JsonParser.parseReader(in);
      if (!root.isJsonArray()) {
        throw new IOException(file + " is not a JMH JSON result (expected an array)");
      }
      runs = root.getAsJsonArray();
    }
    List<Measurement> measurements = new ArrayList<>();
    for (JsonElement run : runs) {
      measurements.add(measurement(run.getAsJsonObject()));
    }
    return measurements;
  }

  private static Measurement measurement(JsonObject run) throws IOException {
    String fullName = run.get("benchmark").getAsString();
    String[] parts = fullName.split("\\.");
    if (parts.length < 2 || !run.has("params")) {
      throw new IOException("unexpected JMH benchmark without impl/size parameters: " + fullName);
    }
    JsonObject params = run.getAsJsonObject("params");
    JsonObject primary = run.getAsJsonObject("primaryMetric");
    String unit = primary.get("scoreUnit").getAsString();
    if (!unit.equals("ops/s")) {
      throw new IOException(fullName + ": expected ops/s, got " + unit);
    }
    return new Measurement(
        parts[parts.length - 2],
        parts[parts.length - 1],
        run.get("threads").getAsInt(),
        params.get("impl").getAsString(),
        params.get("size").getAsLong(),
        primary.get("score").getAsDouble(),
        number(primary.get("scoreError")),
        allocNorm(run));
  }

  private static double allocNorm(JsonObject run) {
    JsonObject secondary = run.getAsJsonObject("secondaryMetrics");
    if (secondary == null || !secondary.has(ALLOC_NORM)) {
      return Double.NaN;
    }
    return number(secondary.getAsJsonObject(ALLOC_NORM).get("score"));
  }

  private static double number(JsonElement element) {
    if (element == null || element.isJsonNull()) {
      return Double.NaN;
    }
    String text = element.getAsString();
    return text.equals("NaN") ? Double.NaN : Double.parseDouble(text);
  }
}
