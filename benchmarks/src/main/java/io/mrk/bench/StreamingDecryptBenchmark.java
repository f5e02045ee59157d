package io.mrk.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.GCMParameterSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decrypts one 256 MiB AES-GCM message from a file through {@code CipherInputStream} (ops/s; MB/s =
 * ops/s x 268435456 / 10^6) and records the peak heap in use while doing so.
 *
 * <p>SunJCE buffers the whole ciphertext during a GCM decrypt and releases plaintext only after the
 * tag verifies, so a 256 MiB message needs well over 256 MiB of heap. Worse, on JDK 17 this
 * decrypt through {@code CipherInputStream} did not finish in 50 s: {@code CipherInputStream} sizes
 * its output buffer from {@code getOutputSize()}, which for GCM decryption grows with the buffered
 * ciphertext, and reallocates it on every 512-byte read. {@code benchmarks/run} therefore runs each
 * implementation under a time limit and reports "did not finish" rather than waiting. The peak heap
 * (see {@link HeapPeak}) is appended per trial as {@code impl<TAB>bytes} to the file named by
 * {@code -Dmrk.bench.heapFile}, when set; the report shows the largest value per implementation.
 *
 * <p>Run (as {@code benchmarks/run} does, one implementation per JVM):
 * {@code timeout 60 java -Xmx3g -Dmrk.bench.heapFile=/tmp/heap.tsv -jar benchmarks/target/benchmarks.jar StreamingDecryptBenchmark -p impl=MRK -wi 1 -w 5s -i 2 -r 3s -f 0}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(jvmArgs = {"-Xms3g", "-Xmx3g"})
public class StreamingDecryptBenchmark {

  private static final int CHUNK = 64 * 1024;

  @Param({"SunJCE", "MRK"})
  public String impl;

  /** Message size in bytes: 256 MiB. A parameter only so the report reads it like the others. */
  @Param({"268435456"})
  public int size;

  private JcaGcmKeys keys;
  private Cipher cipher;
  /** The IV for both directions, or null when the provider chooses it and records it in the message. */
  private GCMParameterSpec spec;
  private Path ciphertext;
  private byte[] aad;
  private final byte[] buffer = new byte[CHUNK];
  private final HeapPeak heap = new HeapPeak();
  private long peakBytes;

  @Setup(Level.Trial)
  public void encryptToFile() throws Exception {
    keys = Implementations.jcaKeys(impl);
    cipher = JcaGcmAead.newCipher(keys);
    aad = Messages.aad();
    spec = keys.providerChoosesNonce() ? null : JcaGcmAead.freshIv(new SecureRandom());
    ciphertext = Files.createTempFile("mrk-bench-stream", ".bin");
    cipher.init(Cipher.ENCRYPT_MODE, keys.encryptKey(), spec);
    cipher.updateAAD(aad);
    byte[] chunk = Messages.plaintext(CHUNK);
    try (OutputStream out = new CipherOutputStream(Files.newOutputStream(ciphertext), cipher)) {
      for (long written = 0; written < size; written += CHUNK) {
        out.write(chunk);
      }
    }
  }

  @Setup(Level.Invocation)
  public void startHeapPeak() {
    heap.start();
  }

  /** Streams the whole message through {@code CipherInputStream}, consuming every plaintext byte. */
  @Benchmark
  public long decrypt(Blackhole blackhole) throws Exception {
    cipher.init(Cipher.DECRYPT_MODE, keys.decryptKey(), spec);
    cipher.updateAAD(aad);
    long total = 0;
    try (InputStream in = new CipherInputStream(Files.newInputStream(ciphertext), cipher)) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
        blackhole.consume(buffer);
      }
    }
    if (total != size) {
      throw new IOException("decrypted " + total + " bytes, expected " + size);
    }
    return total;
  }

  @TearDown(Level.Invocation)
  public void recordHeapPeak() {
    peakBytes = Math.max(peakBytes, heap.peakBytes());
  }

  @TearDown(Level.Trial)
  public void reportAndDelete() throws IOException {
    Files.deleteIfExists(ciphertext);
    String heapFile = System.getProperty("mrk.bench.heapFile");
    if (heapFile != null) {
      try (Writer out =
          Files.newBufferedWriter(
              Path.of(heapFile),
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND)) {
        out.write(impl + "\t" + peakBytes + "\n");
      }
    }
  }
}
