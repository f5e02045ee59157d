package io.mrk.server;

import static io.mrk.server.ServerFixture.US_EAST_1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mrk.MrkCiphertext;
import io.mrk.MrkProvider;
import io.mrk.kms.KeyRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * An automatic rotation that falls due while the server runs is persisted before it is used: a
 * ciphertext made with the new version decrypts from the file after the server is gone.
 */
class RotationWhileServingTest {

  @TempDir
  Path dir;

  /** A clock the test moves forward. */
  static final class MovableClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  @Test
  void aDueRotationIsWrittenBeforeItEncrypts() throws Exception {
    Path file = dir.resolve("keystore.mrk");
    MovableClock clock = new MovableClock();
    try (FileKeystoreBackend backend = new FileKeystoreBackend(ServerFixture.keystores(), file,
        ServerFixture.PASSWORD).withClock(clock).open();
         MrkServer server = MrkServer.builder(backend).credentials(ServerFixture.credentials())
             .listen(US_EAST_1, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).start();
         KmsClient us = KmsClient.builder().endpointOverride(server.url(US_EAST_1))
             .region(software.amazon.awssdk.regions.Region.US_EAST_1)
             .credentialsProvider(SdkClients.credentials(ServerFixture.ADMIN_KEY, ServerFixture.ADMIN_SECRET))
             .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
      String key = us.createKey(r -> r.multiRegion(true)).keyMetadata().arn();
      us.enableKeyRotation(r -> r.keyId(key).rotationPeriodInDays(90));
      SdkBytes data = SdkBytes.fromUtf8String("after the rotation");
      us.encrypt(r -> r.keyId(key).plaintext(data));

      clock.now.set(clock.instant().plus(Duration.ofDays(91)));
      byte[] blob = us.encrypt(r -> r.keyId(key).plaintext(data)).ciphertextBlob().asByteArray();
      assertEquals(2, MrkCiphertext.parseHeader(blob).materialVersion());

      KeyRegistry fromFile = ServerFixture.keystores().withClock(clock).load(file, ServerFixture.PASSWORD);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
      cipher.init(Cipher.DECRYPT_MODE, fromFile.client(US_EAST_1).keyHandle(key));
      assertEquals("after the rotation", new String(cipher.doFinal(blob), java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
