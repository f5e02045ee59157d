package io.mrk.server;

import io.mrk.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files a running server writes for its clients, each replaced atomically (written beside its
 * target, then renamed over it) so a reader never sees half a file: the ready file that lists the
 * listeners, and an AWS config file whose profiles point KMS at them.
 */
final class ServerFiles {

  private ServerFiles() {}

  static void writeReadyFile(Path file, List<MrkServer.Endpoint> endpoints) throws IOException {
    List<Object> rows = new ArrayList<>();
    for (MrkServer.Endpoint e : endpoints) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("region", e.region().code());
      row.put("url", e.url().toString());
      rows.add(row);
    }
    writeAtomically(file, Json.writePretty(Map.of("endpoints", rows)) + "\n");
  }

  /**
   * One profile {@code mrk-<region>} per listener with its Region and a {@code services} section
   * whose {@code kms} endpoint is the listener: the aws CLI, botocore and the Java SDK v2 honour it
   * without code. Credentials are not written; they come from the usual places.
   */
  static void writeAwsConfig(Path file, List<MrkServer.Endpoint> endpoints) throws IOException {
    StringBuilder sb = new StringBuilder("# Written by mrk serve: one profile per Region served.\n");
    for (MrkServer.Endpoint e : endpoints) {
      String name = "mrk-" + e.region().code();
      sb.append('\n')
          .append("[profile ").append(name).append("]\n")
          .append("region = ").append(e.region().code()).append('\n')
          .append("services = ").append(name).append('\n')
          .append('\n')
          .append("[services ").append(name).append("]\n")
          .append("kms =\n")
          .append("  endpoint_url = ").append(e.url()).append('\n');
    }
    writeAtomically(file, sb.toString());
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path target = file.toAbsolutePath();
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
