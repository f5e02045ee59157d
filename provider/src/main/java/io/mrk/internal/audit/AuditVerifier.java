package io.mrk.internal.audit;

import io.mrk.audit.AuditRecord;
import io.mrk.audit.AuditReport;
import io.mrk.audit.ChainBreak;
import io.mrk.audit.ChainProblem;
import io.mrk.audit.RegionReport;
import io.mrk.kms.Region;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.UUID;
import javax.crypto.Mac;

/**
 * Checks a keystore's audit logs against its chain keys and against what the keystore sealed: the
 * anchors of its last write, its outbox, and the Regions that hold keys.
 *
 * <p>Per Region, every line is authenticated (position-fixed chain fields, HMAC under the Region's
 * key) before it is parsed; the first break is reported with file, line, sequence and kind. Then the
 * log must still hold the anchored record (else {@link ChainProblem#BEHIND_ANCHOR}: truncated,
 * deleted or replaced by an older copy; {@link ChainProblem#ANCHOR_MISMATCH}: replaced), a Region
 * that is anchored or holds keys must have a log ({@link ChainProblem#MISSING_LOG}), and a
 * tampering a writer found and recorded stays reported ({@link ChainProblem#VIOLATION_RECORDED}).
 * Outbox events not yet in their log are counted as pending: committed, to be appended by the next
 * write.
 */
public final class AuditVerifier {

  private AuditVerifier() {
  }

  /**
   * Verifies the logs in {@code directory} under {@code keys} against {@code committed} and the
   * Regions {@code holdingKeys}.
   */
  public static AuditReport verify(Path directory, ChainKeys keys, AuditSection committed, Set<Region> holdingKeys)
      throws IOException {
    SortedMap<Region, Path> files = AuditLogFiles.regionFiles(directory);
    Set<Region> regions = new TreeSet<>(files.keySet());
    regions.addAll(committed.anchors().keySet());
    regions.addAll(holdingKeys);
    committed.outbox().forEach(p -> regions.add(p.region()));
    List<RegionReport> results = new ArrayList<>();
    for (Region region : regions) {
      AuditAnchor anchor = committed.anchors().getOrDefault(region, AuditAnchor.genesis(region));
      List<PendingEvent> pending = committed.outboxOf(region);
      Path file = files.get(region);
      if (file == null) {
        results.add(missing(directory, region, anchor, pending, holdingKeys.contains(region)));
      } else {
        results.add(verifyFile(file, region, keys.mac(region), anchor, pending));
      }
    }
    return new AuditReport(results);
  }

  private static RegionReport missing(Path directory, Region region, AuditAnchor anchor, List<PendingEvent> pending,
                                    boolean holdsKeys) {
    Path expected = AuditLogFiles.fileFor(directory, region);
    String genesis = AuditChain.hex(AuditChain.genesis(region));
    ChainBreak gone = null;
    if (anchor.sequence() > 0) {
      gone = new ChainBreak(expected, 1, null, ChainProblem.MISSING_LOG, "the keystore anchored sequence "
          + anchor.sequence() + " of this log and the log is gone");
    } else if (holdsKeys && pending.isEmpty()) {
      gone = new ChainBreak(expected, 1, null, ChainProblem.MISSING_LOG,
          "this Region holds keys and has no log: its log was deleted");
    }
    return new RegionReport(region, null, 0, genesis, anchor.sequence(), pending.size(), gone);
  }

  static RegionReport verifyFile(Path file, Region region, Mac mac, AuditAnchor anchor, List<PendingEvent> pending) {
    byte[] previous = AuditChain.genesis(region);
    byte[] linkAtAnchor = anchor.sequence() == 0 ? previous : null;
    long expected = 1;
    Set<UUID> afterAnchor = new HashSet<>();
    ChainBreak violation = null;
    if (!Files.isRegularFile(file)) {
      return result(region, file, 0, previous, anchor, pending, afterAnchor,
          new ChainBreak(file, 1, null, ChainProblem.UNREADABLE, "not a regular file"));
    }
    try (AuditLineReader reader = new AuditLineReader(file)) {
      for (AuditLineReader.Line line = reader.next(); line != null; line = reader.next()) {
        AuditRecord record;
        try {
          record = verifiedRecord(file, region, line, expected, previous, mac);
        } catch (BrokenChain e) {
          return result(region, file, expected - 1, previous, anchor, pending, afterAnchor, e.chainBreak);
        }
        previous = AuditChain.parseLink(record.link());
        if (expected == anchor.sequence()) {
          linkAtAnchor = previous;
        } else if (expected > anchor.sequence()) {
          afterAnchor.add(record.eventId());
        }
        if (violation == null && AuditTrail.VIOLATION_EVENT.equals(record.eventName())) {
          violation = new ChainBreak(file, line.number(), record.sequence(), ChainProblem.VIOLATION_RECORDED,
              "a writer found this log tampered with (truncated, deleted, replaced or rewritten) and recorded it here");
        }
        expected++;
      }
    } catch (IOException e) {
      return result(region, file, expected - 1, previous, anchor, pending, afterAnchor,
          new ChainBreak(file, Math.max(1, expected), null, ChainProblem.UNREADABLE, "cannot read the file: " + e.getMessage()));
    }
    long records = expected - 1;
    ChainBreak problem = violation;
    if (records < anchor.sequence()) {
      problem = new ChainBreak(file, Math.max(1, records), records, ChainProblem.BEHIND_ANCHOR, "the log ends at sequence "
          + records + ", before the anchored sequence " + anchor.sequence() + ": truncated, or replaced by an older copy");
    } else if (!MessageDigest.isEqual(linkAtAnchor, anchor.head())) {
      problem = new ChainBreak(file, anchor.sequence(), anchor.sequence(), ChainProblem.ANCHOR_MISMATCH,
          "the record at the anchored sequence is not the anchored one: the log was replaced");
    }
    return result(region, file, records, previous, anchor, pending, afterAnchor, problem);
  }

  private static RegionReport result(Region region, Path file, long records, byte[] head, AuditAnchor anchor,
                                   List<PendingEvent> pending, Set<UUID> afterAnchor, ChainBreak problem) {
    long notYet = pending.stream().filter(p -> !afterAnchor.contains(p.eventId())).count();
    return new RegionReport(region, file, records, AuditChain.hex(head), anchor.sequence(), notYet, problem);
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

  /** The record of {@code line} when it is the valid record number {@code expected}; authenticated first. */
  private static AuditRecord verifiedRecord(Path file, Region region, AuditLineReader.Line line, long expected,
                                            byte[] previous, Mac mac) throws BrokenChain {
    long n = line.number();
    if (line.tooLong()) {
      throw broken(file, n, null, ChainProblem.LINE_TOO_LONG,
          "the line exceeds " + AuditLogFiles.MAX_LINE_BYTES + " bytes");
    }
    if (!line.terminated()) {
      throw broken(file, n, null, ChainProblem.TRUNCATED_LINE,
          "the last line has no newline: a write was cut short (the next write recovers it) or the file was cut");
    }
    if (line.text() == null) {
      throw broken(file, n, null, ChainProblem.UNPARSABLE_JSON, "the line is not valid UTF-8");
    }
    ChainProblem problem = AuditChain.problem(line.text(), previous, mac);
    if (problem == ChainProblem.MALFORMED_RECORD) {
      throw broken(file, n, null, problem, "the line does not end with the mrkChain fields");
    }
    if (problem == ChainProblem.BROKEN_LINK) {
      throw expected == 1
          ? broken(file, n, null, ChainProblem.WRONG_GENESIS,
              "the first record does not link to the genesis value of " + region)
          : broken(file, n, null, ChainProblem.BROKEN_LINK,
              "previousLink is not the link of record " + (expected - 1) + " (records removed, added or moved)");
    }
    if (problem == ChainProblem.BAD_HMAC) {
      throw broken(file, n, null, problem,
          "the HMAC does not verify: the record was altered or written under another key");
    }
    AuditRecord record;
    try {
      record = AuditEventCodec.decode(line.text());
    } catch (MalformedRecordException e) {
      throw broken(file, n, null, e.problem(), e.getMessage());
    }
    if (!record.region().equals(region)) {
      throw broken(file, n, record.sequence(), ChainProblem.WRONG_REGION,
          "awsRegion is " + record.region() + " in the log of " + region);
    }
    if (record.sequence() != expected) {
      throw broken(file, n, record.sequence(), ChainProblem.SEQUENCE_GAP,
          "expected sequence " + expected + ", found " + record.sequence());
    }
    return record;
  }

  private static BrokenChain broken(Path file, long line, Long sequence, ChainProblem problem, String detail) {
    return new BrokenChain(new ChainBreak(file, line, sequence, problem, detail));
  }
}
