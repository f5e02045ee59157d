package io.mrk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An HTTPS listener from a PKCS#12 file made by keytool; a non-loopback listener needs one. */
class TlsListenerTest {

  @TempDir
  Path dir;

  @Test
  void servesHttpsWithTheGivenKey() throws Exception {
    Path p12 = dir.resolve("server.p12");
    ExternalTool.Result made = ExternalTool.run(java.util.Map.of(), dir, System.getProperty("java.home")
        + File.separator + "bin" + File.separator + "keytool", "-genkeypair", "-keystore", p12.toString(),
        "-storetype", "PKCS12", "-storepass", "tls-password", "-alias", "server", "-keyalg", "EC",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-validity", "2");
    assertEquals(0, made.exitCode(), made.err());
    SSLContext serverTls = TlsContexts.fromPkcs12(p12, "tls-password".toCharArray());
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(p12)) {
      trust.load(in, "tls-password".toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, tmf.getTrustManagers(), null);

    try (FileKeystoreBackend backend = new FileKeystoreBackend(ServerFixture.keystores(), dir.resolve("ks.mrk"),
        ServerFixture.PASSWORD).open();
         MrkServer server = MrkServer.builder(backend).acceptAnySignature().tls(serverTls)
             .listen(ServerFixture.US_EAST_1, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).start()) {
      assertTrue(server.url(ServerFixture.US_EAST_1).toString().startsWith("https://127.0.0.1:"));
      HttpResponse<String> r = HttpClient.newBuilder().sslContext(clientTls).build().send(
          HttpRequest.newBuilder(server.url(ServerFixture.US_EAST_1)).timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", "TrentService.ListKeys")
              .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
    }

    try (FileKeystoreBackend backend = new FileKeystoreBackend(ServerFixture.keystores(), dir.resolve("ks.mrk"),
        ServerFixture.PASSWORD)) {
      IllegalStateException open = assertThrows(IllegalStateException.class, () -> MrkServer.builder(backend)
          .acceptAnySignature().listen(ServerFixture.US_EAST_1, new InetSocketAddress("0.0.0.0", 0)).start());
      assertTrue(open.getMessage().contains("needs TLS"), open.getMessage());
    }
  }
}
