package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mrk.KeyRegistries;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.api.function.Executable;

/** A registry over a mutable clock and a seeded random source, with clients of a few Regions. */
class Fixture {

  static final Region US_EAST_1 = new Region("us-east-1");
  static final Region EU_WEST_1 = new Region("eu-west-1");
  static final Region AP_SOUTHEAST_2 = new Region("ap-southeast-2");
  static final Region CN_NORTH_1 = new Region("cn-north-1");

  final MutableClock clock = new MutableClock();
  final KeyRegistry registry;
  final KmsClient us;
  final KmsClient eu;
  final KmsClient ap;

  Fixture() {
    this(Duration.ZERO);
  }

  Fixture(Duration replicationDelay) {
    registry = KeyRegistries.builder().clock(clock).random(seeded(1)).replicationDelay(replicationDelay).build();
    us = registry.client(US_EAST_1);
    eu = registry.client(EU_WEST_1);
    ap = registry.client(AP_SOUTHEAST_2);
  }

  static SecureRandom seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Asserts {@code call} fails with {@code error} and leaves the registry's encoding unchanged. */
  KmsException refused(KmsError error, Executable call) {
    byte[] before = RegistryCodec.encode(registry);
    KmsException e = assertThrows(KmsException.class, call);
    assertEquals(error, e.error(), e.getMessage());
    org.junit.jupiter.api.Assertions.assertArrayEquals(before, RegistryCodec.encode(registry));
    return e;
  }
}
