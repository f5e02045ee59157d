package io.mrk.server;

import static io.mrk.server.ServerFixture.EU_WEST_1;
import static io.mrk.server.ServerFixture.US_EAST_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.MrkKeystore;
import io.mrk.audit.AuditReport;
import io.mrk.kms.KeyListEntry;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * 8 client threads x 500 Encrypt/Decrypt pairs across two Regions while another process writes
 * the same keystore through audited updates (as {@code ./mrk} does) and two request threads of the server write through the wire: every plaintext comes back,
 * every write of both processes is in the file, and the audit chain verifies.
 */
class ConcurrencyTest {

  static final int THREADS = 8;
  static final int ROUNDS = 500;
  static final int OTHER_PROCESS_WRITES = 30;
  static final int SERVER_WRITES = 30;

  @TempDir
  Path dir;

  @Test
  void cryptoUnderConcurrentWritersFromTwoProcesses() throws Exception {
    Path file = dir.resolve("keystore.mrk");
    try (ServerFixture f = ServerFixture.serve(file, US_EAST_1, EU_WEST_1);
         KmsClient us = SdkClients.admin(f, US_EAST_1);
         KmsClient eu = SdkClients.admin(f, EU_WEST_1)) {
      String primary = us.createKey(r -> r.multiRegion(true)).keyMetadata().arn();
      String replica = us.replicateKey(r -> r.keyId(primary).replicaRegion("eu-west-1")).replicaKeyMetadata().arn();

      Process writer = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"),
          KeystoreWriterProcess.class.getName(), file.toString(), String.valueOf(OTHER_PROCESS_WRITES))
          .redirectErrorStream(true).start();
      ExecutorService pool = Executors.newFixedThreadPool(THREADS + 2);
      AtomicInteger roundTrips = new AtomicInteger();
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int thread = t;
        work.add(pool.submit(() -> {
          KmsClient from = thread % 2 == 0 ? us : eu;
          KmsClient to = thread % 2 == 0 ? eu : us;
          String key = thread % 2 == 0 ? primary : replica;
          for (int i = 0; i < ROUNDS; i++) {
            byte[] data = ("thread " + thread + " round " + i).getBytes(StandardCharsets.UTF_8);
            Map<String, String> context = Map.of("thread", String.valueOf(thread));
            SdkBytes blob = from.encrypt(r -> r.keyId(key).plaintext(SdkBytes.fromByteArray(data))
                .encryptionContext(context)).ciphertextBlob();
            assertArrayEquals(data, to.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(context))
                .plaintext().asByteArray());
            roundTrips.incrementAndGet();
          }
          return null;
        }));
      }
      for (int w = 0; w < 2; w++) {
        int writerThread = w;
        work.add(pool.submit(() -> {
          // Two request threads of the server write at once: the keystore lock orders them.
          for (int i = writerThread; i < SERVER_WRITES; i += 2) {
            String name = "alias/concurrent-" + i;
            eu.createAlias(r -> r.aliasName(name).targetKeyId(replica));
          }
          return null;
        }));
      }
      for (Future<?> w : work) {
        w.get(5, TimeUnit.MINUTES);
      }
      pool.shutdown();
      assertTrue(writer.waitFor(5, TimeUnit.MINUTES), "the writer process did not finish");
      String output = new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, writer.exitValue(), output);
      assertEquals(THREADS * ROUNDS, roundTrips.get());

      List<KeyListEntry> usKeys = f.backend.current().client(US_EAST_1).listKeys();
      assertEquals(1 + OTHER_PROCESS_WRITES, usKeys.size(), "a write of the other process was lost");
      assertEquals(SERVER_WRITES, f.backend.current().client(EU_WEST_1).listAliases(null).size(),
          "a write of the server was lost");
      assertEquals(SERVER_WRITES, eu.listAliases(r -> r.limit(100)).aliases().size());
    }
    // Both processes' writes and the server's crypto events, checked against the anchors the last write sealed.
    AuditReport report = MrkKeystore.auditTrail(file).verify(ServerFixture.PASSWORD).orElseThrow();
    assertTrue(report.intact(), String.valueOf(report));
    assertTrue(Files.isDirectory(MrkKeystore.auditTrail(file).directory()));
  }

  private static String javaBin() {
    return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
  }
}
