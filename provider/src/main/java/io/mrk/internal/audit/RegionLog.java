package io.mrk.internal.audit;

import io.mrk.kms.Region;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.UUID;
import javax.crypto.Mac;

/**
 * One Region's open log file, appended to by the writer thread only.
 *
 * <p>Opening resumes an existing log from its last line: that line must be complete, well formed,
 * of this Region and carry a valid HMAC over its own previous link, else opening fails with the
 * break instead of extending a damaged chain. (Only the tail is checked here; {@link AuditVerifier}
 * checks the whole chain.) The file is locked for the life of this object so that two processes
 * never interleave records. A failed append truncates the file back to its previous length, so a
 * half-written line never stays in the middle of a log.
 */
final class RegionLog implements Closeable {

  private static final int SCAN_BUFFER_BYTES = 64 * 1024;

  private final Path file;
  private final Region region;
  private final FileChannel channel;
  private final FileLock lock;
  private long end;
  private long nextSequence;
  private byte[] lastLink;

  private RegionLog(Path file, Region region, FileChannel channel, FileLock lock) {
    this.file = file;
    this.region = region;
    this.channel = channel;
    this.lock = lock;
  }

  static RegionLog open(Path file, Region region, Mac mac) throws IOException, AuditLogException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock = null;
    try {
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new IOException(file + " is in use by another audit writer");
      }
      RegionLog log = new RegionLog(file, region, channel, lock);
      log.resume(mac);
      return log;
    } catch (IOException | AuditLogException | RuntimeException e) {
      if (lock != null) {
        lock.release();
      }
      channel.close();
      throw e;
    }
  }

  private void resume(Mac mac) throws IOException, AuditLogException {
    end = channel.size();
    if (end == 0) {
      nextSequence = 1;
      lastLink = AuditChain.genesis(region);
      return;
    }
    long newlines = countNewlines();
    if (byteAt(end - 1) != '\n') {
      throw broken(newlines + 1, null, ChainProblem.TRUNCATED_LINE,
          "the last line has no newline: a write was cut short; refusing to extend the chain");
    }
    long window = Math.min(end - 1, AuditLogFiles.MAX_LINE_BYTES);
    ByteBuffer tail = ByteBuffer.allocate((int) window);
    readFully(tail, end - 1 - window);
    byte[] bytes = tail.array();
    int start = bytes.length;
    while (start > 0 && bytes[start - 1] != '\n') {
      start--;
    }
    if (start == 0 && window < end - 1) {
      throw broken(newlines, null, ChainProblem.LINE_TOO_LONG, "the last line exceeds "
          + AuditLogFiles.MAX_LINE_BYTES + " bytes");
    }
    String line;
    try {
      line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
    } catch (CharacterCodingException e) {
      throw broken(newlines, null, ChainProblem.UNPARSABLE_JSON, "the last line is not valid UTF-8");
    }
    AuditRecord last;
    try {
      last = AuditEventCodec.decode(line);
    } catch (MalformedRecordException e) {
      throw broken(newlines, null, e.problem(), "the last line: " + e.getMessage());
    }
    if (!last.region().equals(region)) {
      throw broken(newlines, last.sequence(), ChainProblem.WRONG_REGION,
          "the last line is of Region " + last.region() + ", the file of " + region);
    }
    String unsigned = AuditChain.unsigned(line);
    byte[] link = AuditChain.parseLink(last.link());
    if (unsigned == null || !MessageDigest.isEqual(link,
        AuditChain.link(mac, AuditChain.parseLink(last.previousLink()), unsigned))) {
      throw broken(newlines, last.sequence(), ChainProblem.BAD_HMAC,
          "the last line's HMAC does not verify under this chain key");
    }
    nextSequence = last.sequence() + 1;
    lastLink = link;
  }

  private long countNewlines() throws IOException {
    long count = 0;
    ByteBuffer buffer = ByteBuffer.allocate(SCAN_BUFFER_BYTES);
    for (long position = 0; position < end; ) {
      buffer.clear();
      int n = channel.read(buffer, position);
      if (n <= 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        if (buffer.get(i) == '\n') {
          count++;
        }
      }
      position += n;
    }
    return count;
  }

  private byte byteAt(long position) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    readFully(one, position);
    return one.get(0);
  }

  private void readFully(ByteBuffer buffer, long position) throws IOException {
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, position + buffer.position());
      if (n < 0) {
        throw new IOException(file + " shrank while it was read");
      }
    }
  }

  private AuditLogException broken(long lineNumber, Long sequence, ChainProblem problem, String detail) {
    return new AuditLogException(new ChainBreak(file, Math.max(1, lineNumber), sequence, problem, detail));
  }

  /** Appends {@code event} as the next record; on failure the file is as it was. */
  void append(AuditEvent event, Instant time, UUID eventId, Mac mac) throws IOException {
    String unsigned = AuditEventCodec.unsignedLine(event, time, eventId, nextSequence, lastLink);
    byte[] link = AuditChain.link(mac, lastLink, unsigned);
    byte[] line = (AuditChain.sign(unsigned, link) + "\n").getBytes(StandardCharsets.UTF_8);
    if (line.length > AuditLogFiles.MAX_LINE_BYTES) {
      throw new IOException("an audit record of " + line.length + " bytes exceeds "
          + AuditLogFiles.MAX_LINE_BYTES + " bytes");
    }
    ByteBuffer buffer = ByteBuffer.wrap(line);
    try {
      while (buffer.hasRemaining()) {
        channel.write(buffer, end + buffer.position());
      }
    } catch (IOException e) {
      try {
        channel.truncate(end);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    end += line.length;
    nextSequence++;
    lastLink = link;
  }

  /** Forces written records to the storage device (FileChannel.force). */
  void force() throws IOException {
    channel.force(true);
  }

  @Override
  public void close() throws IOException {
    try {
      force();
      lock.release();
    } finally {
      channel.close();
    }
  }
}
