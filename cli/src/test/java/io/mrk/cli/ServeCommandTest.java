package io.mrk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.json.Json;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mrk serve} as a process: ready file, AWS config file, a request served, SIGTERM, exit 0. */
class ServeCommandTest {

  @TempDir
  Path dir;

  @Test
  void servesUntilSigtermThenExitsZero() throws Exception {
    Path ready = dir.resolve("ready.json");
    Path config = dir.resolve("aws-config");
    ProcessBuilder pb = new ProcessBuilder(System.getProperty("java.home") + File.separator + "bin" + File.separator
        + "java", "-cp", System.getProperty("java.class.path"), Mrk.class.getName(),
        "--keystore", dir.resolve("keystore.mrk").toString(), "serve",
        "--listen", "us-east-1=127.0.0.1:0", "--listen", "eu-west-1=0",
        "--insecure-accept-any-signature", "--ready-file", ready.toString(), "--aws-config-out", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile());
    pb.environment().put("MRK_KEYSTORE_PASSWORD", "serve-password");
    pb.environment().put("MRK_KDF", CliRunner.TEST_KDF);
    Process serve = pb.start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(ready) && serve.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(Files.exists(ready), "no ready file: " + Files.readString(dir.resolve("serve.log")));
      List<?> endpoints = (List<?>) ((Map<?, ?>) Json.parse(Files.readString(ready))).get("endpoints");
      assertEquals(2, endpoints.size());
      Map<?, ?> eu = (Map<?, ?>) endpoints.get(1);
      assertEquals("eu-west-1", eu.get("region"));
      String url = (String) eu.get("url");
      assertTrue(url.startsWith("http://127.0.0.1:"), url);
      assertTrue(Files.readString(config).contains("endpoint_url = " + url));

      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
          .timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target", "TrentService.CreateKey")
          .POST(HttpRequest.BodyPublishers.ofString("{\"MultiRegion\": true}")).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertEquals(200, r.statusCode(), r.body());
      assertTrue(r.body().contains("\"KeyId\":\"mrk-"), r.body());
      assertTrue(r.headers().firstValue("x-amzn-RequestId").isPresent());
    } finally {
      serve.destroy();
    }
    assertTrue(serve.waitFor(60, TimeUnit.SECONDS), "mrk serve did not stop on SIGTERM");
    String log = Files.readString(dir.resolve("serve.log"));
    assertEquals(0, serve.exitValue(), log);
    assertTrue(log.contains("WARNING: --insecure-accept-any-signature"), log);
    assertTrue(log.contains("SIGTERM: stopping"), log);
    String audit = Files.readString(dir.resolve("keystore.mrk.audit").resolve("eu-west-1.jsonl"));
    assertTrue(audit.contains("CreateKey"), "the audit trail was flushed before exit: " + audit);
  }

  @Test
  void refusesNonLoopbackWithoutTlsAndUnsignedWithoutTheFlag() {
    CliRunner cli = new CliRunner(dir.resolve("keystore.mrk"));
    CliRunner.Result open = cli.run("serve", "--listen", "us-east-1=0.0.0.0:0", "--insecure-accept-any-signature");
    assertEquals(Mrk.USAGE, open.status(), open.err());
    assertTrue(open.err().contains("not a loopback address"), open.err());
    CliRunner.Result unsigned = cli.run("serve", "--listen", "us-east-1=127.0.0.1:0");
    assertEquals(Mrk.USAGE, unsigned.status(), unsigned.err());
    assertTrue(unsigned.err().contains("--credentials"), unsigned.err());
    CliRunner.Result badListen = cli.run("serve", "--listen", "nowhere", "--insecure-accept-any-signature");
    assertEquals(Mrk.USAGE, badListen.status(), badListen.err());
  }
}
