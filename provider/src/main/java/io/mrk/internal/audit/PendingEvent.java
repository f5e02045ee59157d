package io.mrk.internal.audit;

import io.mrk.kms.Region;
import java.time.Instant;
import java.util.UUID;

/**
 * An event of a committed write that is not yet known to be in its Region's log: an entry of the
 * keystore's audit outbox. Its time, id and content are fixed when the write is planned, so every
 * delivery (by the writer after its commit, or by whoever finds it still pending) appends the same
 * record, and the event id tells whether it is already there.
 *
 * @param body the record's JSON without the chain member and closing brace ({@link AuditChain#unsigned})
 */
public record PendingEvent(Region region, UUID eventId, String body) {

  public PendingEvent {
    if (region == null || eventId == null || body == null || !body.startsWith("{")
        || body.length() > AuditLogFiles.MAX_LINE_BYTES) {
      throw new IllegalArgumentException("a pending event has a Region, an id and a JSON body of at most "
          + AuditLogFiles.MAX_LINE_BYTES + " characters");
    }
  }

  /** {@code event} as it will be appended, stamped {@code time} with a fresh random id. */
  public static PendingEvent of(AuditEvent event, Instant time) {
    UUID id = UUID.randomUUID();
    return new PendingEvent(event.region(), id, AuditEventCodec.body(event, time, id));
  }

  /**
   * As {@link #of(AuditEvent, Instant)}, the record naming {@code lineage} (null: none), so that a
   * reader of the log's tail learns a generation known to be committed ({@link RecordedGeneration}).
   */
  public static PendingEvent of(AuditEvent event, Instant time, WriterLineage lineage) {
    UUID id = UUID.randomUUID();
    return new PendingEvent(event.region(), id, AuditEventCodec.body(event, time, id, lineage));
  }
}
