package io.mrk.internal.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Which keystore a log directory belongs to: its {@link AuditLogFiles#ID_FILE} holds the owner's
 * {@link ChainKeys#trailId}. A keystore deleted and created again at the same path has another
 * secret, so its trail never extends, nor is mixed with, the old keystore's logs: its first write
 * moves them aside, and the old keystore's late events are refused (and reported).
 */
final class TrailOwner {

  private static final int MAX_ID_BYTES = 128;

  private TrailOwner() {
  }

  /** Why the trail {@code mine} must not append to {@code directory}, or {@code null} when it may. */
  static String foreign(Path directory, String mine) {
    String owner = owner(directory);
    return owner == null || owner.equals(mine) ? null
        : "the audit directory " + directory + " belongs to another keystore (its path was reused);"
            + " the next write of this keystore moves it aside";
  }

  /**
   * Makes {@code directory} the trail {@code mine}'s (writes only): creates it with its id file, or
   * first moves another keystore's directory aside to {@code <directory>.orphaned-<its id>}.
   */
  static void claim(Path directory, String mine) throws IOException {
    String owner = owner(directory);
    if (owner != null && !owner.equals(mine)) {
      Files.move(directory, directory.resolveSibling(directory.getFileName() + ".orphaned-" + owner));
    }
    Files.createDirectories(directory);
    Path id = directory.resolve(AuditLogFiles.ID_FILE);
    if (!Files.isRegularFile(id)) {
      Path temp = directory.resolve(AuditLogFiles.ID_FILE + "." + UUID.randomUUID() + ".tmp");
      Files.writeString(temp, mine + "\n", StandardCharsets.US_ASCII);
      Files.move(temp, id, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The owner's id (hex digits only), or {@code null} when the directory names none. */
  private static String owner(Path directory) {
    Path id = directory.resolve(AuditLogFiles.ID_FILE);
    try {
      if (!Files.isRegularFile(id) || Files.size(id) > MAX_ID_BYTES) {
        return null;
      }
      String owner = Files.readString(id, StandardCharsets.US_ASCII).strip();
      return owner.matches("[0-9a-f]{1,64}") ? owner : null;
    } catch (IOException e) {
      return null;
    }
  }
}
