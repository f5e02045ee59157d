package io.mrk.audit;

import io.mrk.kms.Arn;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.time.Instant;
import java.util.Set;

/**
 * Which records a merged view shows. Empty sets and {@code null} mean "no restriction".
 *
 * @param regions the Regions to read, or empty for every Region in the directory
 * @param since only records at or after this instant
 * @param keyId a key id or key ARN; matched Region-free, so every Region's related multi-Region key
 *     matches
 * @param eventNames event names such as {@code Decrypt}, exact
 */
public record AuditFilter(Set<Region> regions, Instant since, String keyId, Set<String> eventNames) {

  /** Everything. */
  public static final AuditFilter ALL = new AuditFilter(Set.of(), null, null, Set.of());

  public AuditFilter {
    regions = Set.copyOf(regions == null ? Set.of() : regions);
    eventNames = Set.copyOf(eventNames == null ? Set.of() : eventNames);
    if (keyId != null && Arn.looksLikeArn(keyId)) {
      try {
        keyId = Arn.parse(keyId).resourceId();
      } catch (KmsException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }

  /** True when {@code region}'s log is to be read. */
  public boolean includes(Region region) {
    return regions.isEmpty() || regions.contains(region);
  }

  /** True when {@code record} passes every restriction. */
  public boolean matches(AuditRecord record) {
    return includes(record.region())
        && (since == null || !record.eventTime().isBefore(since))
        && (keyId == null || record.keyIds().contains(keyId))
        && (eventNames.isEmpty() || eventNames.contains(record.eventName()));
  }
}
