package io.mrk.internal.audit;

import io.mrk.audit.AuditRecord;
import io.mrk.audit.ChainProblem;
import io.mrk.json.Json;
import io.mrk.json.JsonException;
import io.mrk.kms.Arn;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Converts between {@link AuditEvent}s and the CloudTrail-shaped JSON lines of the log; the only
 * place the audit trail touches the JSON library.
 *
 * <p>Member order is fixed and {@code mrkChain} comes last, which {@link AuditChain} relies on.
 * {@code eventTime} is ISO-8601 UTC with millisecond precision (CloudTrail uses seconds; the extra
 * digits make the merged multi-Region view order events within a second).
 */
final class AuditEventCodec {

  static final String EVENT_VERSION = "1.08";
  static final String EVENT_SOURCE = "kms.amazonaws.com";
  static final String CHAIN = "mrkChain";
  /** The member naming the keystore state a record was written against ({@link WriterLineage}). */
  static final String LINEAGE = "mrkLineage";

  private AuditEventCodec() {
  }

  /**
   * The record's JSON without the chain member and without its closing brace: what an outbox holds
   * and {@link AuditChain#unsigned} completes once the record's place in the chain is known.
   */
  static String body(AuditEvent e, Instant time, UUID eventId) {
    return body(e, time, eventId, null);
  }

  /**
   * As {@link #body(AuditEvent, Instant, UUID)}, with {@code lineage} (when not null) as the member
   * {@value #LINEAGE} just before {@code mrkChain}: the keystore id and the highest generation the
   * writer of the record knew to be committed.
   */
  static String body(AuditEvent e, Instant time, UUID eventId, WriterLineage lineage) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("eventVersion", EVENT_VERSION);
    m.put("userIdentity", identity(e.userIdentity()));
    m.put("eventTime", DateTimeFormatter.ISO_INSTANT.format(time.truncatedTo(ChronoUnit.MILLIS)));
    m.put("eventSource", EVENT_SOURCE);
    m.put("eventName", e.eventName());
    m.put("awsRegion", e.region().code());
    if (e.errorCode() != null) {
      m.put("errorCode", e.errorCode());
      m.put("errorMessage", e.errorMessage());
    }
    m.put("requestParameters", e.requestParameters());
    m.put("responseElements", e.responseElements());
    if (e.additionalEventData() != null) {
      m.put("additionalEventData", e.additionalEventData());
    }
    m.put("eventID", eventId.toString());
    m.put("readOnly", e.readOnly());
    List<Object> resources = new ArrayList<>();
    for (Arn arn : e.resources()) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("accountId", arn.account());
      r.put("type", "AWS::KMS::Key");
      r.put("ARN", arn.toString());
      resources.add(r);
    }
    m.put("resources", resources);
    m.put("eventType", e.eventType());
    if (lineage != null) {
      Map<String, Object> l = new LinkedHashMap<>();
      l.put("keystoreId", lineage.keystoreId());
      l.put("generation", BigDecimal.valueOf(lineage.generation()));
      m.put(LINEAGE, l);
    }
    String object = Json.write(m);
    return object.substring(0, object.length() - 1);
  }

  private static Map<String, Object> identity(AuditIdentity who) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", who.type());
    if (who.arn() != null) {
      m.put("arn", who.arn());
    }
    if (who.accountId() != null) {
      m.put("accountId", who.accountId());
    }
    if (who.accessKeyId() != null) {
      m.put("accessKeyId", who.accessKeyId());
    }
    if (who == AuditIdentity.KMS_SERVICE) {
      m.put("invokedBy", EVENT_SOURCE);
    }
    return m;
  }

  /**
   * Reads a stored line (with its link) into the fields the verifier and merger use. Callers that
   * hold the chain key authenticate the line first ({@link AuditChain#authenticate}).
   */
  static AuditRecord decode(String line) throws MalformedRecordException {
    Object root;
    try {
      root = Json.parse(line);
    } catch (JsonException e) {
      throw new MalformedRecordException(ChainProblem.UNPARSABLE_JSON, "not valid JSON: " + e.getMessage());
    }
    Map<?, ?> m = object(root, "the record");
    Map<?, ?> chain = object(m.get(CHAIN), CHAIN);
    long sequence;
    if (!(chain.get("sequence") instanceof BigDecimal n)) {
      throw malformed(CHAIN + ".sequence is missing");
    }
    try {
      sequence = n.longValueExact();
    } catch (ArithmeticException e) {
      throw malformed(CHAIN + ".sequence is not an integer");
    }
    String previous = string(chain, "previousLink", CHAIN + ".previousLink");
    String link = string(chain, "link", CHAIN + ".link");
    if (AuditChain.parseLink(previous) == null || AuditChain.parseLink(link) == null) {
      throw malformed(CHAIN + " links must be 64 lower-case hex digits");
    }
    String regionCode = string(m, "awsRegion", "awsRegion");
    if (!Region.isValid(regionCode)) {
      throw malformed("awsRegion is not a Region code");
    }
    Instant time;
    try {
      time = Instant.parse(string(m, "eventTime", "eventTime"));
    } catch (DateTimeParseException e) {
      throw malformed("eventTime is not an ISO-8601 instant");
    }
    String eventName = string(m, "eventName", "eventName");
    Map<?, ?> who = object(m.get("userIdentity"), "userIdentity");
    String principal = who.get("arn") instanceof String arn ? arn : string(who, "type", "userIdentity.type");
    String errorCode = m.get("errorCode") instanceof String code ? code : null;
    UUID eventId;
    try {
      eventId = UUID.fromString(string(m, "eventID", "eventID"));
    } catch (IllegalArgumentException e) {
      throw malformed("eventID is not a UUID");
    }
    return new AuditRecord(new Region(regionCode), sequence, time, eventName, principal, keyIds(m), errorCode,
        eventId, previous, link, line);
  }

  private static List<String> keyIds(Map<?, ?> m) {
    List<String> ids = new ArrayList<>();
    if (m.get("resources") instanceof List<?> resources) {
      for (Object r : resources) {
        if (r instanceof Map<?, ?> resource && resource.get("ARN") instanceof String arn) {
          addKeyId(ids, arn);
        }
      }
    }
    if (m.get("requestParameters") instanceof Map<?, ?> parameters && parameters.get("keyId") instanceof String keyId) {
      addKeyId(ids, keyId);
    }
    return ids;
  }

  /** Adds the Region-free id of a key ARN, or the identifier itself when it is not an ARN. */
  private static void addKeyId(List<String> ids, String identifier) {
    String id = identifier;
    if (Arn.looksLikeArn(identifier)) {
      try {
        id = Arn.parse(identifier).resourceId();
      } catch (KmsException e) {
        return;
      }
    }
    if (!ids.contains(id)) {
      ids.add(id);
    }
  }

  private static Map<?, ?> object(Object value, String what) throws MalformedRecordException {
    if (!(value instanceof Map<?, ?> map)) {
      throw malformed(what + " is not a JSON object");
    }
    return map;
  }

  private static String string(Map<?, ?> m, String member, String what) throws MalformedRecordException {
    if (!(m.get(member) instanceof String s)) {
      throw malformed(what + " is missing or not a string");
    }
    return s;
  }

  private static MalformedRecordException malformed(String message) {
    return new MalformedRecordException(ChainProblem.MALFORMED_RECORD, message);
  }
}
