package io.mrk.internal.registry;

import io.mrk.internal.audit.AuditAnchor;
import io.mrk.internal.audit.AuditSection;
import io.mrk.internal.audit.PendingEvent;
import io.mrk.internal.audit.AuditLogFiles;
import io.mrk.kms.Region;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The audit section of a registry payload (format version 3, {@code spec/registry-encoding.md}):
 * the audited write count, each Region's anchor and the outbox. Kept apart from the rest of the
 * codec so that it changes in one place.
 *
 * <pre>
 *   i64    audited writes (>= 0)
 *   u16    anchor count, then per anchor (strictly ascending Region):
 *            string Region, i64 sequence (>= 0), 32 bytes head link, i64 end offset (0 iff sequence 0)
 *   u32    outbox count (<= 4096), then per pending event (in append order):
 *            string Region, 16 bytes event id (UUID, most significant half first),
 *            u32 body length (1 .. 2^20), body (strict UTF-8, a JSON object without its closing brace)
 * </pre>
 */
final class AuditSectionCodec {

  private static final int LINK_BYTES = 32;
  private static final int MIN_ANCHOR_BYTES = 2 + 8 + LINK_BYTES + 8;
  private static final int MIN_PENDING_BYTES = 2 + 16 + 4 + 1;

  private AuditSectionCodec() {}

  static void write(PayloadWriter out, AuditSection section) {
    out.i64(section.writes());
    out.u16(section.anchors().size());
    for (AuditAnchor a : section.anchors().values()) {
      out.string(a.region().code());
      out.i64(a.sequence());
      out.bytes(a.head());
      out.i64(a.endOffset());
    }
    out.u32(section.outbox().size());
    for (PendingEvent p : section.outbox()) {
      out.string(p.region().code());
      out.i64(p.eventId().getMostSignificantBits());
      out.i64(p.eventId().getLeastSignificantBits());
      byte[] body = p.body().getBytes(StandardCharsets.UTF_8);
      out.u32(body.length);
      out.bytes(body);
    }
  }

  static AuditSection read(PayloadReader in) throws InvalidRegistryException {
    long writes = in.i64();
    if (writes < 0) {
      throw new InvalidRegistryException("Invalid registry: negative audited write count.");
    }
    int anchors = in.shortCount(MIN_ANCHOR_BYTES, "audit anchors");
    SortedMap<Region, AuditAnchor> byRegion = new TreeMap<>();
    Region previous = null;
    for (int i = 0; i < anchors; i++) {
      Region region = region(in.string());
      if (previous != null && region.compareTo(previous) <= 0) {
        throw new InvalidRegistryException("Invalid registry: audit anchors are not in strictly ascending Region order.");
      }
      previous = region;
      long sequence = in.i64();
      byte[] head = in.bytes(LINK_BYTES);
      long end = in.i64();
      try {
        byRegion.put(region, new AuditAnchor(region, sequence, head, end));
      } catch (IllegalArgumentException e) {
        throw new InvalidRegistryException("Invalid registry: audit anchor of " + region + ": " + e.getMessage());
      }
    }
    int count = in.count(MIN_PENDING_BYTES, "outbox events");
    if (count > AuditSection.MAX_OUTBOX_EVENTS) {
      throw new InvalidRegistryException("Invalid registry: " + count + " outbox events (at most "
          + AuditSection.MAX_OUTBOX_EVENTS + ").");
    }
    List<PendingEvent> outbox = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Region region = region(in.string());
      UUID id = new UUID(in.i64(), in.i64());
      int length = in.count(1, "outbox event bytes");
      if (length < 1 || length > AuditLogFiles.MAX_LINE_BYTES) {
        throw new InvalidRegistryException("Invalid registry: an outbox event of " + length + " bytes.");
      }
      String body = utf8(in.bytes(length));
      try {
        outbox.add(new PendingEvent(region, id, body));
      } catch (IllegalArgumentException e) {
        throw new InvalidRegistryException("Invalid registry: outbox event " + id + ": " + e.getMessage());
      }
    }
    return new AuditSection(writes, byRegion, outbox, false);
  }

  private static Region region(String code) throws InvalidRegistryException {
    if (!Region.isValid(code)) {
      throw new InvalidRegistryException("Invalid registry: the audit section names no Region: " + code);
    }
    return new Region(code);
  }

  private static String utf8(byte[] bytes) throws InvalidRegistryException {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new InvalidRegistryException("Invalid registry: an outbox event is not valid UTF-8.");
    }
  }
}
