package io.mrk.internal.audit;

import io.mrk.kms.Region;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;

/**
 * Checks every Region's audit log in a directory from its genesis to its end and reports, per file,
 * the first line where the chain breaks: a bad HMAC, a sequence gap, a broken link, a wrong genesis
 * or Region, a truncated, over-long or unparsable line.
 */
public final class AuditVerifier {

  /**
   * One Region's result.
   *
   * @param records how many records verified before the break (all of them when intact)
   * @param headLink hex of the last verified link (the genesis value for an empty log): an operator
   *     who records it elsewhere can later detect that the log's tail was cut off
   * @param firstBreak the first break, or {@code null} when the whole file verifies
   */
  public record FileResult(Region region, Path file, long records, String headLink, ChainBreak firstBreak) {

    /** True when every line verified. */
    public boolean intact() {
      return firstBreak == null;
    }
  }

  /** The result for every Region log in a directory, ordered by Region. */
  public record Report(List<FileResult> files) {

    public Report {
      files = List.copyOf(files);
    }

    /** True when every file verified. */
    public boolean intact() {
      return files.stream().allMatch(FileResult::intact);
    }
  }

  private AuditVerifier() {
  }

  /** Verifies every {@code <region>.jsonl} in {@code directory} under {@code chainKey}. */
  public static Report verify(Path directory, ChainKey chainKey) throws IOException {
    Mac mac = chainKey.newMac();
    List<FileResult> results = new ArrayList<>();
    for (Map.Entry<Region, Path> entry : AuditLogFiles.regionFiles(directory).entrySet()) {
      results.add(verifyFile(entry.getValue(), entry.getKey(), mac));
    }
    return new Report(results);
  }

  static FileResult verifyFile(Path file, Region region, Mac mac) {
    byte[] previous = AuditChain.genesis(region);
    long expected = 1;
    try (AuditLineReader reader = new AuditLineReader(file)) {
      for (AuditLineReader.Line line = reader.next(); line != null; line = reader.next()) {
        try {
          previous = verifiedLink(file, region, line, expected, previous, mac);
        } catch (BrokenChain e) {
          return new FileResult(region, file, expected - 1, AuditChain.hex(previous), e.chainBreak);
        }
        expected++;
      }
    } catch (IOException e) {
      ChainBreak unreadable = new ChainBreak(file, Math.max(1, expected), null, ChainProblem.UNREADABLE,
          "cannot read the file: " + e.getMessage());
      return new FileResult(region, file, expected - 1, AuditChain.hex(previous), unreadable);
    }
    return new FileResult(region, file, expected - 1, AuditChain.hex(previous), null);
  }

  /** Thrown inside this class to stop at the first break. */
  private static final class BrokenChain extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ChainBreak chainBreak;

    BrokenChain(ChainBreak chainBreak) {
      super(chainBreak.toString(), null, false, false);
      this.chainBreak = chainBreak;
    }
  }

  /** The link of {@code line} when it is the valid record number {@code expected}. */
  private static byte[] verifiedLink(Path file, Region region, AuditLineReader.Line line, long expected,
                                     byte[] previous, Mac mac) throws BrokenChain {
    long n = line.number();
    if (line.tooLong()) {
      throw broken(file, n, null, ChainProblem.LINE_TOO_LONG,
          "the line exceeds " + AuditLogFiles.MAX_LINE_BYTES + " bytes");
    }
    if (!line.terminated()) {
      throw broken(file, n, null, ChainProblem.TRUNCATED_LINE,
          "the last line has no newline: a write was cut short or the file was truncated");
    }
    if (line.text() == null) {
      throw broken(file, n, null, ChainProblem.UNPARSABLE_JSON, "the line is not valid UTF-8");
    }
    AuditRecord record;
    try {
      record = AuditEventCodec.decode(line.text());
    } catch (MalformedRecordException e) {
      throw broken(file, n, null, e.problem(), e.getMessage());
    }
    Long sequence = record.sequence();
    if (!record.region().equals(region)) {
      throw broken(file, n, sequence, ChainProblem.WRONG_REGION,
          "awsRegion is " + record.region() + " in the log of " + region);
    }
    if (record.sequence() != expected) {
      throw broken(file, n, sequence, ChainProblem.SEQUENCE_GAP,
          "expected sequence " + expected + ", found " + record.sequence()
              + (record.sequence() > expected ? " (records missing)" : " (records reordered or repeated)"));
    }
    if (!MessageDigest.isEqual(previous, AuditChain.parseLink(record.previousLink()))) {
      throw expected == 1
          ? broken(file, n, sequence, ChainProblem.WRONG_GENESIS,
              "the first record does not link to the genesis value of " + region)
          : broken(file, n, sequence, ChainProblem.BROKEN_LINK,
              "previousLink is not the link of record " + (expected - 1));
    }
    byte[] link = AuditChain.parseLink(record.link());
    String unsigned = AuditChain.unsigned(line.text());
    if (unsigned == null || !MessageDigest.isEqual(link, AuditChain.link(mac, previous, unsigned))) {
      throw broken(file, n, sequence, ChainProblem.BAD_HMAC,
          "the HMAC does not verify: the record was altered or written under another key");
    }
    return link;
  }

  private static BrokenChain broken(Path file, long line, Long sequence, ChainProblem problem, String detail) {
    return new BrokenChain(new ChainBreak(file, line, sequence, problem, detail));
  }
}
