package io.mrk.internal.audit;

import io.mrk.audit.AuditFilter;
import io.mrk.audit.AuditLogException;
import io.mrk.audit.AuditRecord;
import io.mrk.audit.ChainBreak;
import io.mrk.audit.ChainProblem;
import io.mrk.kms.Region;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Compiles several Regions' audit logs into one chronological view: by {@code eventTime}, ties
 * broken by Region code, then by sequence number, so the order is total and repeatable.
 *
 * <p>Merging reads records; it does not check their links (that needs the chain key: use
 * {@link AuditVerifier}). A line that is not a well-formed record stops the merge with its
 * position rather than being skipped. The selected records are held in memory.
 */
public final class AuditMerger {

  /** The merged order. */
  public static final Comparator<AuditRecord> CHRONOLOGICAL = Comparator.comparing(AuditRecord::eventTime)
      .thenComparing(AuditRecord::region)
      .thenComparingLong(AuditRecord::sequence);

  private AuditMerger() {
  }

  /** The records of {@code directory}'s Region logs that pass {@code filter}, in merged order. */
  public static List<AuditRecord> merge(Path directory, AuditFilter filter) throws IOException, AuditLogException {
    List<AuditRecord> records = new ArrayList<>();
    for (Map.Entry<Region, Path> entry : AuditLogFiles.regionFiles(directory).entrySet()) {
      if (filter.includes(entry.getKey())) {
        read(entry.getValue(), filter, records);
      }
    }
    records.sort(CHRONOLOGICAL);
    return records;
  }

  private static void read(Path file, AuditFilter filter, List<AuditRecord> into) throws IOException, AuditLogException {
    try (AuditLineReader reader = new AuditLineReader(file)) {
      for (AuditLineReader.Line line = reader.next(); line != null; line = reader.next()) {
        if (line.text() == null || !line.terminated()) {
          throw new AuditLogException(new ChainBreak(file, line.number(), null,
              line.tooLong() ? ChainProblem.LINE_TOO_LONG
                  : line.terminated() ? ChainProblem.UNPARSABLE_JSON : ChainProblem.TRUNCATED_LINE,
              "not a complete record"));
        }
        AuditRecord record;
        try {
          record = AuditEventCodec.decode(line.text());
        } catch (MalformedRecordException e) {
          throw new AuditLogException(new ChainBreak(file, line.number(), null, e.problem(), e.getMessage()));
        }
        if (filter.matches(record)) {
          into.add(record);
        }
      }
    }
  }
}
