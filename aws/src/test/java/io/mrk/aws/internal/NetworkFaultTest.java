package io.mrk.aws.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.mrk.aws.AwsKmsLoadStoreParameter;
import io.mrk.aws.CacheLimits;
import io.mrk.aws.ServeFixture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Network faults: the endpoint down, or answering 500. Each is a checked exception naming the cause
 * (a refusal starts with the KMS error, a network failure with "KMS unreachable"), bounded by the
 * SDK's timeouts and retries, and a failed call leaves no data key in either cache.
 */
class NetworkFaultTest {

  @TempDir
  Path dir;

  @BeforeAll
  static void install() {
    ServeFixture.installProvider();
  }

  private static KmsKeyStore open(URI us, URI eu, CacheLimits limits) throws IOException {
    AwsKmsLoadStoreParameter.Builder b = AwsKmsLoadStoreParameter.builder().credentials(ServeFixture.CREDENTIALS)
        .cacheLimits(limits);
    if (eu == null) {
      b.regions("us-east-1").endpoint("us-east-1", us);
    } else {
      b.regions("us-east-1", "eu-west-1").endpoint("us-east-1", us).endpoint("eu-west-1", eu);
    }
    return (KmsKeyStore) new AwsKmsBackend().open(b.build());
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void anEndpointThatIsDownFailsLoadAndCipherWithACheckedExceptionAndCachesNothing() throws Exception {
    URI down = URI.create("http://127.0.0.1:" + closedPort());
    IOException load = assertThrows(IOException.class, () -> open(down, null, CacheLimits.DEFAULT));
    assertTrue(load.getMessage().contains(KmsErrors.UNREACHABLE), load.getMessage());

    KmsKeyStore store;
    Key us;
    Key eu;
    byte[] ct;
    ServeFixture f = ServeFixture.start(dir);
    try {
      f.ordersKey();
      store = open(f.url(ServeFixture.US), f.url(ServeFixture.EU), CacheLimits.DEFAULT.withMaxMessages(1));
      us = store.getKey("us-east-1/alias/orders");
      eu = store.getKey("eu-west-1/alias/orders");
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, us);
      ct = c.doFinal(new byte[] {5});
    } finally {
      f.close();
    }
    assertArrayEquals(new long[] {0, 0}, store.cache().sizes(), "maxMessages=1 keeps no encryption entry");
    Cipher enc = Cipher.getInstance("AES/GCM/NoPadding");
    InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> enc.init(Cipher.ENCRYPT_MODE, us));
    assertTrue(e.getMessage().startsWith(KmsErrors.UNREACHABLE + " in us-east-1"), e.getMessage());
    assertTrue(e.getCause() instanceof SdkClientException, String.valueOf(e.getCause()));

    Cipher dec = Cipher.getInstance("AES/GCM/NoPadding");
    dec.init(Cipher.DECRYPT_MODE, eu);
    BadPaddingException b = assertThrows(BadPaddingException.class, () -> dec.doFinal(ct));
    assertTrue(b.getMessage().startsWith(KmsErrors.UNREACHABLE + " in eu-west-1"), b.getMessage());
    assertTrue(b.getCause() instanceof SdkClientException);
    assertArrayEquals(new long[] {0, 0}, store.cache().sizes(), "no data key from a failed call");
  }

  private static final String ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  /**
   * A loopback KMS that lists and describes one key and answers every other call (GenerateDataKey,
   * Decrypt) with {@code dataKeyAnswer}; at most a handful of requests, stopped by the test.
   */
  private static HttpServer stub(AtomicInteger dataKeyCalls, com.sun.net.httpserver.HttpHandler dataKeyAnswer)
      throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    http.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    http.createContext("/", ex -> {
      String target = String.valueOf(ex.getRequestHeaders().getFirst("X-Amz-Target"));
      if (!target.endsWith(".ListKeys") && !target.endsWith(".ListAliases") && !target.endsWith(".DescribeKey")) {
        dataKeyCalls.incrementAndGet();
        dataKeyAnswer.handle(ex);
        return;
      }
      ex.getRequestBody().readAllBytes();
      String body = target.endsWith(".ListKeys")
          ? "{\"Keys\":[{\"KeyId\":\"1234abcd-12ab-34cd-56ef-1234567890ab\",\"KeyArn\":\"" + ARN + "\"}],\"Truncated\":false}"
          : target.endsWith(".ListAliases") ? "{\"Aliases\":[],\"Truncated\":false}"
          : "{\"KeyMetadata\":{\"KeyId\":\"1234abcd-12ab-34cd-56ef-1234567890ab\",\"Arn\":\"" + ARN
              + "\",\"KeySpec\":\"SYMMETRIC_DEFAULT\",\"KeyUsage\":\"ENCRYPT_DECRYPT\",\"KeyState\":\"Enabled\"}}";
      byte[] out = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
      ex.sendResponseHeaders(200, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    http.start();
    return http;
  }

  private static void stop(HttpServer http) {
    http.stop(0);
    ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
  }

  @Test
  void aSlowEndpointIsANetworkFailureBoundedByTheClientsTimeouts() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer http = stub(calls, ex -> {
      try {
        Thread.sleep(1_500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
    });
    try {
      URI url = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
      // The caller's own client, with a short socket timeout: the SDK's retries, then a checked exception.
      software.amazon.awssdk.services.kms.KmsClient client = software.amazon.awssdk.services.kms.KmsClient.builder()
          .endpointOverride(url).region(software.amazon.awssdk.regions.Region.US_EAST_1)
          .credentialsProvider(ServeFixture.CREDENTIALS)
          .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()
              .socketTimeout(java.time.Duration.ofMillis(200)).build()).build();
      KmsKeyStore store = (KmsKeyStore) new AwsKmsBackend().open(AwsKmsLoadStoreParameter.builder()
          .regions("us-east-1").clients(r -> client).build());
      Key key = store.getKey("us-east-1/1234abcd-12ab-34cd-56ef-1234567890ab");
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> c.init(Cipher.ENCRYPT_MODE, key));
      assertTrue(e.getMessage().startsWith(KmsErrors.UNREACHABLE + " in us-east-1"), e.getMessage());
      assertTrue(calls.get() >= 1 && calls.get() <= 4, "attempts: " + calls.get());
      assertArrayEquals(new long[] {0, 0}, store.cache().sizes());
    } finally {
      stop(http);
    }
  }

  @Test
  void anEndpointAnswering500IsARefusalNamedByItsErrorAfterTheSdkRetries() throws Exception {
    AtomicInteger dataKeyCalls = new AtomicInteger();
    String arn = ARN;
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    http.createContext("/", ex -> {
      String target = String.valueOf(ex.getRequestHeaders().getFirst("X-Amz-Target"));
      ex.getRequestBody().readAllBytes();
      String body;
      int status = 200;
      if (target.endsWith(".ListKeys")) {
        body = "{\"Keys\":[{\"KeyId\":\"1234abcd-12ab-34cd-56ef-1234567890ab\",\"KeyArn\":\"" + arn + "\"}],\"Truncated\":false}";
      } else if (target.endsWith(".ListAliases")) {
        body = "{\"Aliases\":[],\"Truncated\":false}";
      } else if (target.endsWith(".DescribeKey")) {
        body = "{\"KeyMetadata\":{\"KeyId\":\"1234abcd-12ab-34cd-56ef-1234567890ab\",\"Arn\":\"" + arn
            + "\",\"KeySpec\":\"SYMMETRIC_DEFAULT\",\"KeyUsage\":\"ENCRYPT_DECRYPT\",\"KeyState\":\"Enabled\"}}";
      } else {
        dataKeyCalls.incrementAndGet();
        status = 500;
        body = "{\"__type\":\"KMSInternalException\",\"message\":\"the test server always fails\"}";
      }
      byte[] out = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
      if (status != 200) {
        ex.getResponseHeaders().add("x-amzn-ErrorType", "KMSInternalException");
      }
      ex.sendResponseHeaders(status, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    http.start();
    try {
      KmsKeyStore store = open(URI.create("http://127.0.0.1:" + http.getAddress().getPort()), null,
          CacheLimits.DEFAULT);
      Key key = store.getKey("us-east-1/1234abcd-12ab-34cd-56ef-1234567890ab");
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> c.init(Cipher.ENCRYPT_MODE, key));
      assertTrue(e.getMessage().startsWith("KMSInternalException: the test server always fails"), e.getMessage());
      assertTrue(e.getCause() instanceof AwsServiceException);
      assertFalse(e.getMessage().startsWith(KmsErrors.UNREACHABLE));
      assertEquals(4, dataKeyCalls.get(), "the SDK's standard retries: four attempts, then the checked exception");
      assertTrue(Arrays.equals(new long[] {0, 0}, store.cache().sizes()));
    } finally {
      http.stop(0);
    }
  }
}
