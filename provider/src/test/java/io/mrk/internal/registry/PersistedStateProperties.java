package io.mrk.internal.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.mrk.KeyRegistries;
import io.mrk.internal.key.KeyHandles;
import io.mrk.kms.CreateKeyRequest;
import io.mrk.kms.KeyRegistry;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.Region;
import io.mrk.kms.ReplicateKeyRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * A persisted registry state is a pure function of its bytes and the instant: readers never mint.
 * Two decodes of the same payload at the same instant, with different random sources, agree on
 * everything (encoding, rotations, material), whatever time has passed since it was written.
 */
class PersistedStateProperties {

  private static final Region US = new Region("us-east-1");
  private static final Region EU = new Region("eu-west-1");

  @Property(tries = 60)
  void twoDecodesOfTheSameBytesAgree(@ForAll @IntRange(min = 1, max = 4) int keys,
                                     @ForAll @IntRange(min = 90, max = 400) int period,
                                     @ForAll @LongRange(min = 0, max = 1200) long daysLater,
                                     @ForAll long seedA, @ForAll long seedB) throws Exception {
    MutableClock clock = new MutableClock();
    KeyRegistry source = KeyRegistries.builder().clock(clock).random(Fixture.seeded(7)).build();
    KmsClient us = source.client(US);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      String id = us.createKey(CreateKeyRequest.multiRegionKey("k" + i)).keyId().value();
      us.replicateKey(id, EU, ReplicateKeyRequest.DEFAULTS);
      us.enableKeyRotation(id, period + i);
      if (i % 3 == 2) {
        source.client(EU).scheduleKeyDeletion(id, 7);
      }
      ids.add(id);
    }
    byte[] payload = RegistryCodec.encode(source);
    clock.advance(Duration.ofDays(daysLater).plusHours(daysLater % 24));

    KeyRegistry a = RegistryCodec.decodeReadOnly(payload.clone(),
        KeyRegistries.builder().clock(clock).random(Fixture.seeded(seedA)));
    KeyRegistry b = RegistryCodec.decode(payload.clone(),
        KeyRegistries.builder().clock(clock).random(Fixture.seeded(seedB)));
    for (String id : ids) {
      // Encrypting reads the newest persisted version: it must not create one.
      for (KeyRegistry r : List.of(a, b)) {
        try {
          KeyHandles.source(r.client(US).keyHandle(id), io.mrk.internal.key.TestSecrets.access()).encryptionMaterial();
        } catch (KmsException unusable) {
          assertEquals(KmsError.INVALID_STATE, unusable.error());
        }
      }
      assertEquals(a.client(US).listKeyRotations(id), b.client(US).listKeyRotations(id));
      assertEquals(a.client(EU).listKeys(), b.client(EU).listKeys());
    }
    assertArrayEquals(RegistryCodec.encode(a), RegistryCodec.encode(b));
    assertEquals(RegistryAccess.dueRotations(a), RegistryAccess.dueRotations(b));
  }

  @Property(tries = 20)
  void aReadOnlyViewRefusesEveryWrite(@ForAll @LongRange(min = 0, max = 800) long daysLater) throws Exception {
    MutableClock clock = new MutableClock();
    KeyRegistry source = KeyRegistries.builder().clock(clock).random(Fixture.seeded(3)).build();
    String id = source.client(US).createKey(CreateKeyRequest.multiRegionKey("k")).keyId().value();
    source.client(US).enableKeyRotation(id, 90);
    byte[] payload = RegistryCodec.encode(source);
    clock.advance(Duration.ofDays(daysLater));
    KeyRegistry view = RegistryCodec.decodeReadOnly(payload, KeyRegistries.builder().clock(clock));
    byte[] before = RegistryCodec.encode(view);
    KmsClient client = view.client(US);
    for (KmsCall call : List.<KmsCall>of(() -> client.rotateKeyOnDemand(id), () -> client.disableKey(id),
        () -> client.createKey(CreateKeyRequest.multiRegionKey("x")), () -> client.createAlias("alias/a", id),
        () -> client.replicateKey(id, EU, ReplicateKeyRequest.DEFAULTS))) {
      assertEquals(KmsError.UNSUPPORTED_OPERATION, assertThrows(KmsException.class, call::run).error());
    }
    assertThrows(IllegalStateException.class, () -> RegistryAccess.applyDueRotations(view));
    assertArrayEquals(before, RegistryCodec.encode(view));
    assertEquals(daysLater >= 90 ? 1 : 0, RegistryAccess.dueRotations(view));
  }

  @FunctionalInterface
  interface KmsCall {
    void run() throws KmsException;
  }
}
