package io.mrk.internal.audit;

import io.mrk.audit.AuditLogException;
import io.mrk.audit.AuditRecord;
import io.mrk.audit.ChainBreak;
import io.mrk.audit.ChainProblem;
import io.mrk.kms.Region;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;

/**
 * One Region's log file, open and locked for one short append session.
 *
 * <p>No process holds a log for its lifetime: a session locks the file ({@code FileChannel.lock},
 * waiting at most a bounded time), resumes from the last line, appends, forces and releases, so any
 * number of processes and keystores share a log and appends only serialise for the time of one
 * batch. Resuming checks the last line's HMAC under the Region's key before reading anything in it;
 * a last line without newline (a crash mid-append) is cut off and reported by {@link #tornBytes},
 * so the caller records the recovery. A failed append truncates the file back to its previous
 * length, so a half-written line never stays in the middle of a log.
 */
final class RegionLog implements Closeable {

  private static final long FIRST_RETRY_MILLIS = 2;
  private static final long MAX_RETRY_MILLIS = 50;

  private final Path file;
  private final Region region;
  private final Mac mac;
  private final FileChannel channel;
  private final FileLock lock;
  private long end;
  private long sequence;
  private byte[] head;
  private long tornBytes;
  private boolean completedTail;
  /** True once this session appended: only then does closing force the file to disk. */
  private boolean appended;

  private RegionLog(Path file, Region region, Mac mac, FileChannel channel, FileLock lock) {
    this.file = file;
    this.region = region;
    this.mac = mac;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Opens, locks and resumes {@code file}, creating it when absent, and its directory when
   * {@code createDirectory} (writes do; direct events never recreate a removed audit directory).
   *
   * @throws IOException when the file cannot be opened or stays locked longer than {@code lockWait}
   * @throws AuditLogException when the last complete line does not verify (the break is named)
   */
  static RegionLog open(Path file, Region region, Mac mac, Duration lockWait, boolean createDirectory)
      throws IOException, AuditLogException {
    if (createDirectory) {
      Files.createDirectories(file.getParent());
    } else if (!Files.isDirectory(file.getParent())) {
      throw new NoSuchFileException(file.getParent().toString(), null,
          "the audit directory is missing (the next write of the keystore creates it)");
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    FileLock lock = null;
    try {
      lock = lock(channel, file, lockWait);
      RegionLog log = new RegionLog(file, region, mac, channel, lock);
      log.resume();
      return log;
    } catch (IOException | AuditLogException | RuntimeException e) {
      if (lock != null) {
        lock.release();
      }
      channel.close();
      throw e;
    }
  }

  private static FileLock lock(FileChannel channel, Path file, Duration wait) throws IOException {
    long deadline = System.nanoTime() + wait.toNanos();
    long pause = FIRST_RETRY_MILLIS;
    while (true) {
      try {
        FileLock lock = channel.tryLock();
        if (lock != null) {
          return lock;
        }
      } catch (OverlappingFileLockException heldInThisJvm) {
        // Another session of this JVM appends right now; wait as for another process.
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IOException(file + " stayed locked by another audit append for more than "
            + wait.toMillis() + " ms");
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for " + file);
      }
      pause = Math.min(MAX_RETRY_MILLIS, pause * 2);
    }
  }

  private void resume() throws IOException, AuditLogException {
    end = channel.size();
    long lastNewline = lastNewlineBefore(end);
    if (end > 0 && lastNewline != end - 1) {
      long cut = lastNewline + 1;
      if (lastNewline < 0 && end > AuditLogFiles.MAX_LINE_BYTES) {
        throw broken(null, ChainProblem.LINE_TOO_LONG, "the last line exceeds " + AuditLogFiles.MAX_LINE_BYTES
            + " bytes and has no newline");
      }
      if (completesTail(cut)) {
        channel.write(ByteBuffer.wrap(new byte[] {'\n'}), end);
        completedTail = true;
        end++;
      } else {
        channel.truncate(cut);
        tornBytes = end - cut;
        end = cut;
      }
      channel.force(true);
    }
    if (end == 0) {
      sequence = 0;
      head = AuditChain.genesis(region);
      return;
    }
    long start = lastNewlineBefore(end - 1) + 1;
    if (end - 1 - start > AuditLogFiles.MAX_LINE_BYTES) {
      throw broken(null, ChainProblem.LINE_TOO_LONG, "the last line exceeds " + AuditLogFiles.MAX_LINE_BYTES + " bytes");
    }
    ByteBuffer bytes = ByteBuffer.allocate((int) (end - 1 - start));
    readFully(bytes, start);
    String line;
    try {
      line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(bytes.flip()).toString();
    } catch (CharacterCodingException e) {
      throw broken(null, ChainProblem.UNPARSABLE_JSON, "the last line is not valid UTF-8");
    }
    ChainProblem problem = AuditChain.problem(line, null, mac);
    if (problem != null) {
      throw broken(null, problem, "the last line does not verify under " + region
          + "'s chain key; refusing to extend the chain");
    }
    AuditRecord last;
    try {
      last = AuditEventCodec.decode(line);
    } catch (MalformedRecordException e) {
      throw broken(null, e.problem(), "the last line: " + e.getMessage());
    }
    if (!last.region().equals(region)) {
      throw broken(last.sequence(), ChainProblem.WRONG_REGION, "the last line is of Region " + last.region());
    }
    sequence = last.sequence();
    head = AuditChain.parseLink(last.link());
  }

  /**
   * True when the unterminated bytes from {@code start} to the end are a whole record that verifies
   * under this Region's key (only its newline was lost): it is kept, and given its newline.
   */
  private boolean completesTail(long start) throws IOException {
    if (end - start > AuditLogFiles.MAX_LINE_BYTES) {
      return false;
    }
    ByteBuffer bytes = ByteBuffer.allocate((int) (end - start));
    readFully(bytes, start);
    try {
      String line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(bytes.flip()).toString();
      return AuditChain.problem(line, null, mac) == null;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** The offset of the last newline before {@code limit}, or -1; looks back at most one line's length. */
  private long lastNewlineBefore(long limit) throws IOException {
    long floor = Math.max(0, limit - AuditLogFiles.MAX_LINE_BYTES - 1);
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    for (long to = limit; to > floor; ) {
      long from = Math.max(floor, to - buffer.capacity());
      buffer.clear().limit((int) (to - from));
      readFully(buffer, from);
      for (int i = buffer.limit() - 1; i >= 0; i--) {
        if (buffer.get(i) == '\n') {
          return from + i;
        }
      }
      to = from;
    }
    return -1;
  }

  private void readFully(ByteBuffer buffer, long position) throws IOException {
    long base = position - buffer.position();
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, base + buffer.position()) < 0) {
        throw new IOException(file + " shrank while it was read");
      }
    }
  }

  private AuditLogException broken(Long seq, ChainProblem problem, String detail) {
    return new AuditLogException(new ChainBreak(file, 1, seq, problem, detail));
  }

  /** How many bytes of a torn last line resuming cut off (0 when the log ended cleanly). */
  long tornBytes() {
    return tornBytes;
  }

  /** True when resuming found a whole last record without its newline and completed it. */
  boolean completedTail() {
    return completedTail;
  }

  /** The log's head now. */
  AuditAnchor anchor() {
    return new AuditAnchor(region, sequence, head, sequence == 0 ? 0 : end);
  }

  /**
   * The event ids of the records after {@code anchor}, checking that the log still holds the
   * anchored record and that every later record extends it under this Region's key.
   *
   * @throws AuditLogException ({@link ChainProblem#BEHIND_ANCHOR} or {@link ChainProblem#ANCHOR_MISMATCH})
   *     when the log no longer contains the anchor: it was truncated, deleted or replaced
   */
  Set<UUID> idsAfter(AuditAnchor anchor) throws IOException, AuditLogException {
    if (anchor.sequence() > sequence || anchor.endOffset() > end) {
      throw broken(sequence, ChainProblem.BEHIND_ANCHOR, "the log ends at sequence " + sequence
          + ", before the anchored sequence " + anchor.sequence() + ": truncated, deleted or replaced by an older copy");
    }
    Set<UUID> ids = new HashSet<>();
    if (anchor.endOffset() == end) {
      if (anchor.sequence() != sequence || !MessageDigest.isEqual(anchor.head(), head)) {
        throw broken(sequence, ChainProblem.ANCHOR_MISMATCH, "the record at the anchored sequence "
            + anchor.sequence() + " is not the anchored one: the log was replaced");
      }
      return ids;
    }
    byte[] previous = anchor.head();
    long expected = anchor.sequence() + 1;
    try (AuditLineReader reader = new AuditLineReader(streamFrom(anchor.endOffset()),
        anchor.endOffset(), 0)) {
      for (AuditLineReader.Line line = reader.next(); line != null && line.endOffset() <= end; line = reader.next()) {
        AuditChain.Verified v = line.text() == null || !line.terminated() ? null
            : AuditChain.authenticate(line.text(), previous, mac);
        AuditRecord record = null;
        try {
          record = v == null ? null : AuditEventCodec.decode(line.text());
        } catch (MalformedRecordException e) {
          record = null;
        }
        if (record == null || record.sequence() != expected) {
          throw broken(expected - 1, ChainProblem.ANCHOR_MISMATCH, "the records after the anchored sequence "
              + anchor.sequence() + " do not extend it: the log was replaced or rewritten");
        }
        ids.add(record.eventId());
        previous = v.link();
        expected++;
      }
    }
    return ids;
  }

  /** Reads the channel from {@code position} on, without moving or closing it. */
  private InputStream streamFrom(long position) {
    return new InputStream() {
      private long at = position;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = channel.read(ByteBuffer.wrap(b, off, len), at);
        if (n > 0) {
          at += n;
        }
        return n;
      }
    };
  }

  /** Appends {@code event} as the next record; on failure the file is as it was. */
  void append(PendingEvent event) throws IOException {
    long next = sequence + 1;
    String unsigned = AuditChain.unsigned(event.body(), next, head);
    byte[] link = AuditChain.link(mac, head, unsigned);
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
    sequence = next;
    head = link;
    appended = true;
  }

  /** Forces appended records (if any) to the storage device, then releases the lock and the file. */
  @Override
  public void close() throws IOException {
    try {
      if (appended) {
        channel.force(true);
      }
    } finally {
      try {
        lock.release();
      } finally {
        channel.close();
      }
    }
  }
}
