package io.mrk.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * Against moto's server, a KMS peer nobody here wrote, with a single-Region key and only the
 * operations moto implements correctly (KMS-WIRE.md): ListAliases, ListKeys, DescribeKey,
 * GenerateDataKey, Decrypt, through the KeyStore and Cipher. moto_server is started on a loopback
 * ephemeral port and stopped after; the test is SKIPPED, loudly, when it is not installed.
 */
class MotoPeerTest {

  private static Process moto;
  private static URI endpoint;
  private static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  @BeforeAll
  static void startMoto() throws Exception {
    String exe = findOnPath("moto_server");
    Assumptions.assumeTrue(exe != null, "SKIPPED: moto_server is not on PATH (pip install 'moto[server]'); the"
        + " moto peer test did not run");
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    moto = new ProcessBuilder(exe, "-H", "127.0.0.1", "-p", String.valueOf(port))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    endpoint = URI.create("http://127.0.0.1:" + port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!accepts(port)) {
      if (System.nanoTime() > deadline || !moto.isAlive()) {
        stopMoto();
        Assumptions.abort("SKIPPED: moto_server did not start listening on 127.0.0.1:" + port + " within 60 s");
      }
      Thread.sleep(100);
    }
    ServeFixture.installProvider();
  }

  @AfterAll
  static void stopMoto() throws InterruptedException {
    if (moto != null) {
      moto.descendants().forEach(ProcessHandle::destroy);
      moto.destroy();
      if (!moto.waitFor(10, TimeUnit.SECONDS)) {
        moto.destroyForcibly();
      }
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static String findOnPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }

  private static KmsClient client() {
    return KmsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build()).build();
  }

  @Test
  void aSingleRegionKeyThroughTheKeyStoreAndCipher() throws Exception {
    String keyId;
    String signingKeyId;
    try (KmsClient kms = client()) {
      keyId = kms.createKey(b -> b.description("moto peer")).keyMetadata().keyId();
      kms.createAlias(b -> b.aliasName("alias/moto-orders").targetKeyId(keyId));
      signingKeyId = kms.createKey(b -> b.keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.SIGN_VERIFY))
          .keyMetadata().keyId();
    }
    KeyStore ks = KeyStore.getInstance("MRK");
    ks.load(AwsKmsLoadStoreParameter.builder().regions("us-east-1").credentials(CREDENTIALS)
        .endpoint("us-east-1", endpoint).build());
    List<String> aliases = Collections.list(ks.aliases());
    assertTrue(aliases.contains("us-east-1/alias/moto-orders"), aliases.toString());
    assertTrue(aliases.contains("us-east-1/" + keyId), aliases.toString());
    assertTrue(aliases.contains("us-east-1/" + signingKeyId), "non-symmetric keys are listed");

    Key key = ks.getKey("us-east-1/alias/moto-orders", null);
    assertTrue(key.toString().contains(keyId), key.toString());
    KeyStore.SecretKeyEntry entry = (KeyStore.SecretKeyEntry) ks.getEntry("us-east-1/alias/moto-orders", null);
    assertTrue(entry.getAttributes().stream().anyMatch(a -> a.getName().equals("mrk:MultiRegionKeyType")
        && a.getValue().equals("SINGLE_REGION")), entry.getAttributes().toString());

    byte[] plain = "a peer nobody here wrote".getBytes(StandardCharsets.UTF_8);
    Cipher enc = Cipher.getInstance("AES/GCM/NoPadding");
    enc.init(Cipher.ENCRYPT_MODE, key);
    enc.updateAAD(new byte[] {1});
    byte[] ct = enc.doFinal(plain);
    Cipher dec = Cipher.getInstance("AES/GCM/NoPadding");
    dec.init(Cipher.DECRYPT_MODE, ks.getKey("us-east-1/" + keyId, null));
    dec.updateAAD(new byte[] {1});
    assertArrayEquals(plain, dec.doFinal(ct));

    UnrecoverableKeyException refused = assertThrows(UnrecoverableKeyException.class,
        () -> ks.getKey("us-east-1/" + signingKeyId, null));
    assertTrue(refused.getMessage().contains("ECC_NIST_P256"), refused.getMessage());
    assertEquals(null, ks.getKey("us-east-1/alias/does-not-exist", null));
  }
}
