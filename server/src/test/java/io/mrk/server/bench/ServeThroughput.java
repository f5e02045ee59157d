package io.mrk.server.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A benchmark, not a test: Encrypt and Decrypt requests per second and p50/p99 latency from the
 * AWS SDK for Java v2, N threads, keep-alive connections on loopback, against any KMS endpoint
 * (mrk serve or moto_server) with a single-Region key it creates first.
 *
 * <p>Arguments: {@code URL ACCESS_KEY SECRET NAME [threads=8] [warmupSeconds=5] [seconds=15]}. Prints
 * one Markdown row per operation: name, operation, threads, requests/s, p50 ms, p99 ms, errors.
 * Run it with {@code server/bench/run-serve-bench.sh}.
 */
public final class ServeThroughput {

  private ServeThroughput() {}

  public static void main(String[] args) throws Exception {
    URI url = URI.create(args[0]);
    String name = args[3];
    int threads = args.length > 4 ? Integer.parseInt(args[4]) : 8;
    int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 5;
    int seconds = args.length > 6 ? Integer.parseInt(args[6]) : 15;
    List<KmsClient> clients = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      clients.add(KmsClient.builder().endpointOverride(url).region(Region.US_EAST_1)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(args[1], args[2])))
          .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build()).build());
    }
    String keyId = clients.get(0).createKey(r -> r.description("bench")).keyMetadata().keyId();
    SdkBytes plaintext = SdkBytes.fromString("x".repeat(256), StandardCharsets.UTF_8);
    SdkBytes blob = clients.get(0).encrypt(r -> r.keyId(keyId).plaintext(plaintext)).ciphertextBlob();
    System.out.println("| Endpoint | Operation | Threads | Requests/s | p50 ms | p99 ms | Errors |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|");
    for (String op : new String[] {"Encrypt", "Decrypt"}) {
      Runnable[] calls = new Runnable[threads];
      for (int i = 0; i < threads; i++) {
        KmsClient c = clients.get(i);
        calls[i] = op.equals("Encrypt")
            ? () -> c.encrypt(r -> r.keyId(keyId).plaintext(plaintext))
            : () -> c.decrypt(r -> r.ciphertextBlob(blob));
      }
      run(calls, warmup, null);
      Result r = run(calls, seconds, op);
      System.out.printf(Locale.ROOT, "| %s | %s | %d | %,.0f | %.2f | %.2f | %d |%n", name, op, threads,
          r.count / (double) seconds, r.p50 / 1e6, r.p99 / 1e6, r.errors);
    }
    clients.forEach(KmsClient::close);
  }

  private record Result(long count, long p50, long p99, long errors) {}

  private static Result run(Runnable[] calls, int seconds, String label) throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(calls.length);
    long[][] latencies = new long[calls.length][];
    int[] counts = new int[calls.length];
    long[] errors = new long[calls.length];
    for (int t = 0; t < calls.length; t++) {
      int thread = t;
      latencies[t] = new long[1 << 20];
      Thread worker = new Thread(() -> {
        try {
          while (!stop.get()) {
            long start = System.nanoTime();
            try {
              calls[thread].run();
            } catch (RuntimeException e) {
              errors[thread]++;
              continue;
            }
            if (counts[thread] < latencies[thread].length) {
              latencies[thread][counts[thread]++] = System.nanoTime() - start;
            }
          }
        } finally {
          done.countDown();
        }
      });
      worker.start();
    }
    Thread.sleep(seconds * 1000L);
    stop.set(true);
    done.await();
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int t = 0; t < calls.length; t++) {
      System.arraycopy(latencies[t], 0, all, at, counts[t]);
      at += counts[t];
    }
    Arrays.sort(all);
    long p50 = total == 0 ? 0 : all[(int) (total * 0.50)];
    long p99 = total == 0 ? 0 : all[Math.min(total - 1, (int) (total * 0.99))];
    return new Result(total, p50, p99, Arrays.stream(errors).sum());
  }
}
