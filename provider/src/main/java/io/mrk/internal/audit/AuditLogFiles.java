package io.mrk.internal.audit;

import io.mrk.kms.Region;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The audit trail's file layout: a directory next to the keystore, {@code <keystore>.audit/}, holding
 * one append-only JSON Lines file per Region, {@code <region>.jsonl} (e.g. {@code eu-west-1.jsonl}).
 */
public final class AuditLogFiles {

  /** Upper bound of one stored line; longer lines are reported, never buffered whole. */
  public static final int MAX_LINE_BYTES = 1 << 20;

  static final String SUFFIX = ".jsonl";

  /**
   * The file naming the keystore a directory's logs belong to ({@link ChainKeys#trailId}), so that
   * a keystore created later at the same path never extends, nor is confused with, the old logs.
   */
  public static final String ID_FILE = "trail.id";

  private AuditLogFiles() {
  }

  /** The audit directory of the keystore file {@code keystore}: {@code <keystore>.audit}. */
  public static Path directoryFor(Path keystore) {
    return keystore.resolveSibling(keystore.getFileName() + ".audit");
  }

  /** The log file of {@code region} in {@code directory}. */
  public static Path fileFor(Path directory, Region region) {
    return directory.resolve(region.code() + SUFFIX);
  }

  /**
   * The Regions' log entries present in {@code directory}, by Region; other names are ignored. An
   * entry that is not a regular file (a directory in a log's place) is listed too, so that it is
   * reported rather than silently skipped.
   */
  public static SortedMap<Region, Path> regionFiles(Path directory) throws IOException {
    SortedMap<Region, Path> files = new TreeMap<>();
    if (!Files.isDirectory(directory)) {
      return files;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        String code = name.substring(0, name.length() - SUFFIX.length());
        if (Region.isValid(code)) {
          files.put(new Region(code), entry);
        }
      }
    }
    return Collections.unmodifiableSortedMap(files);
  }
}
