package io.mrk.audit;

import io.mrk.kms.Region;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One stored audit record as read back from a log: the fields the verifier and the merger use, and
 * the exact stored line for JSON Lines output.
 *
 * @param keyIds Region-free key ids the record concerns (from {@code resources} and
 *     {@code requestParameters.keyId}), so that related multi-Region keys match in every Region
 * @param principal {@code userIdentity.arn}, or its {@code type} when there is no ARN
 * @param errorCode the KMS error name, or {@code null} for a success
 * @param eventId CloudTrail's {@code eventID}, by which an outbox recognises a record already appended
 * @param previousLink hex of the previous link
 * @param link hex of this record's link
 * @param line the stored line, without its newline
 */
public record AuditRecord(Region region, long sequence, Instant eventTime, String eventName, String principal,
                          List<String> keyIds, String errorCode, UUID eventId, String previousLink, String link, String line) {

  public AuditRecord {
    keyIds = List.copyOf(keyIds);
  }

  /** {@code OK}, or the error code of a refused call. */
  public String result() {
    return errorCode == null ? "OK" : errorCode;
  }
}
