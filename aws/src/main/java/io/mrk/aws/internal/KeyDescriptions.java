package io.mrk.aws.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * {@code DescribeKey} answers per (Region, identifier), kept for a short {@link #TTL} so that listing
 * entries and reading their attributes does not call KMS once per attribute, while a change in KMS
 * (a key disabled, an alias moved) is seen within seconds. Failures are not kept.
 */
final class KeyDescriptions {

  /** How long a description is reused. */
  static final Duration TTL = Duration.ofSeconds(10);

  private record Slot(String region, String identifier) {}

  private final Cache<Slot, KeyMetadata> described;

  KeyDescriptions(Clock clock) {
    Ticker ticker = () -> clock.millis() * 1_000_000L;
    described = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(TTL).ticker(ticker).build();
  }

  /** The metadata of {@code identifier} (key id, key ARN, alias name or alias ARN) in {@code region}. */
  KeyMetadata describe(KmsRegion region, String identifier) throws SdkException {
    Slot slot = new Slot(region.code(), identifier);
    KeyMetadata m = described.getIfPresent(slot);
    if (m == null) {
      m = region.client().describeKey(b -> b.keyId(identifier)).keyMetadata();
      described.put(slot, m);
    }
    return m;
  }

  /** Forgets what was described in {@code region}: after an alias was changed there. */
  void forget(String region) {
    described.asMap().keySet().removeIf(s -> s.region().equals(region));
  }
}
