package io.mrk.internal.audit;

import io.mrk.json.Json;
import io.mrk.json.JsonException;
import io.mrk.kms.Region;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import javax.crypto.Mac;

/**
 * The highest keystore generation the audit trail next to a keystore file records: what tells a
 * process that never saw a newer file that the file it reads is an older copy put back.
 *
 * <p>Every record a write appends names the generation that write committed, and every direct
 * event the highest generation its process had seen ({@link WriterLineage}); records are appended
 * only after the generation they name was committed. So a generation read here is one the file
 * reached, and a file below it was rolled back.
 *
 * <p>Bounded and authenticated: per Region log it reads at most {@link #TAIL_BYTES} from the end,
 * and considers only whole lines (newline-terminated) of that window whose HMAC verifies under the
 * Region's chain key ({@link AuditChain#problem}) before any JSON is parsed, and whose keystore id
 * is the file's. A torn, tampered or foreign line is ignored here (it can only hide a rollback,
 * never invent one); {@code audit verify} reports it. A directory whose {@link AuditLogFiles#ID_FILE}
 * names another keystore is not read.
 */
public final class RecordedGeneration {

  /** How much of each log's end is read: the last records, however many fit. */
  public static final int TAIL_BYTES = 16 * 1024;

  private RecordedGeneration() {
  }

  /**
   * The highest generation of keystore {@code keystoreId} recorded in the tails of the logs next to
   * {@code keystoreFile}, or 0 when none is (no logs, unreadable logs, no record naming one).
   */
  public static long highest(Path keystoreFile, ChainKeys keys, String keystoreId) {
    Path directory = AuditLogFiles.directoryFor(keystoreFile);
    if (!Files.isDirectory(directory) || TrailOwner.foreign(directory, keys.trailId()) != null) {
      return 0;
    }
    long highest = 0;
    try {
      for (Map.Entry<Region, Path> log : AuditLogFiles.regionFiles(directory).entrySet()) {
        highest = Math.max(highest, highestIn(log.getValue(), keys.mac(log.getKey()), keystoreId));
      }
    } catch (IOException | RuntimeException e) {
      // An unreadable directory hides nothing the file's own checks need; audit verify reports it.
      return highest;
    }
    return highest;
  }

  private static long highestIn(Path log, Mac mac, String keystoreId) {
    if (!Files.isRegularFile(log, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    byte[] tail;
    boolean fromStart;
    try (FileChannel channel = FileChannel.open(log, StandardOpenOption.READ)) {
      long size = channel.size();
      long from = Math.max(0, size - TAIL_BYTES);
      fromStart = from == 0;
      ByteBuffer buffer = ByteBuffer.allocate((int) (size - from));
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, from + buffer.position()) < 0) {
          break;
        }
      }
      tail = java.util.Arrays.copyOf(buffer.array(), buffer.position());
    } catch (IOException e) {
      return 0;
    }
    long highest = 0;
    // Whole lines only: the first unless the window starts the file, and none after the last newline.
    int start = 0;
    if (!fromStart) {
      while (start < tail.length && tail[start] != '\n') {
        start++;
      }
      start++;
    }
    for (int i = start; i < tail.length; i++) {
      if (tail[i] == '\n') {
        highest = Math.max(highest, generationOf(tail, start, i, mac, keystoreId));
        start = i + 1;
      }
    }
    return highest;
  }

  /** The generation a line names for {@code keystoreId}, or 0 when it names none or does not verify. */
  private static long generationOf(byte[] bytes, int from, int to, Mac mac, String keystoreId) {
    String line;
    try {
      line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      return 0;
    }
    if (!line.contains(AuditEventCodec.LINEAGE) || AuditChain.problem(line, null, mac) != null) {
      return 0;
    }
    try {
      if (Json.parse(line) instanceof Map<?, ?> record
          && record.get(AuditEventCodec.LINEAGE) instanceof Map<?, ?> lineage
          && keystoreId.equals(lineage.get("keystoreId"))
          && lineage.get("generation") instanceof BigDecimal g) {
        return Math.max(0, g.longValueExact());
      }
    } catch (JsonException | ArithmeticException e) {
      return 0;
    }
    return 0;
  }
}
