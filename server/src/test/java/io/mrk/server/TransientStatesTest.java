package io.mrk.server;

import static io.mrk.server.ServerFixture.EU_WEST_1;
import static io.mrk.server.ServerFixture.US_EAST_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;

/**
 * With a replication delay the wire shows the transient states KMS has: a new replica is
 * {@code Creating} (unusable) and then {@code Enabled}; after UpdatePrimaryRegion both keys are
 * {@code Updating} (cryptography works, state changes are refused) and then {@code Enabled}.
 */
class TransientStatesTest {

  static final Duration DELAY = Duration.ofSeconds(2);

  @TempDir
  Path dir;

  @Test
  void creatingThenEnabledAndUpdatingThenEnabled() throws Exception {
    Path file = dir.resolve("keystore.mrk");
    try (ServerFixture f = ServerFixture.serve(file, DELAY, US_EAST_1, EU_WEST_1);
         KmsClient us = SdkClients.admin(f, US_EAST_1);
         KmsClient eu = SdkClients.admin(f, EU_WEST_1)) {
      String primary = us.createKey(r -> r.multiRegion(true)).keyMetadata().arn();
      String replica = us.replicateKey(r -> r.keyId(primary).replicaRegion("eu-west-1")).replicaKeyMetadata().arn();
      assertEquals(KeyState.CREATING, eu.describeKey(r -> r.keyId(replica)).keyMetadata().keyState());
      SdkBytes data = SdkBytes.fromUtf8String("x");
      assertEquals(400, assertThrows(KmsInvalidStateException.class,
          () -> eu.encrypt(r -> r.keyId(replica).plaintext(data))).statusCode());
      awaitState(eu, replica, KeyState.ENABLED);
      eu.encrypt(r -> r.keyId(replica).plaintext(data));

      us.updatePrimaryRegion(r -> r.keyId(primary).primaryRegion("eu-west-1"));
      assertEquals(KeyState.UPDATING, us.describeKey(r -> r.keyId(primary)).keyMetadata().keyState());
      assertEquals(KeyState.UPDATING, eu.describeKey(r -> r.keyId(replica)).keyMetadata().keyState());
      SdkBytes blob = us.encrypt(r -> r.keyId(primary).plaintext(data)).ciphertextBlob();
      eu.decrypt(r -> r.ciphertextBlob(blob));
      assertThrows(KmsInvalidStateException.class, () -> us.disableKey(r -> r.keyId(primary)));
      awaitState(us, primary, KeyState.ENABLED);
      awaitState(eu, replica, KeyState.ENABLED);
    }
  }

  /** Polls DescribeKey, as the AWS guide asks clients to, for at most five times the delay. */
  private static void awaitState(KmsClient client, String keyId, KeyState expected) throws InterruptedException {
    long deadline = System.nanoTime() + DELAY.multipliedBy(5).toNanos();
    KeyState state;
    do {
      state = client.describeKey(r -> r.keyId(keyId)).keyMetadata().keyState();
      if (state == expected) {
        return;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
    assertEquals(expected, state);
  }
}
