package io.mrk.bench.kms;

import io.mrk.aws.CacheLimits;
import io.mrk.bench.AeadUnderTest;
import io.mrk.bench.Implementations;
import io.mrk.bench.JcaGcmKeys;
import io.mrk.bench.Messages;
import io.mrk.bench.mrk.MrkAead;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Issue 12: messages per second of suite 2 (keys in KMS, here {@code mrk serve} on loopback) with a
 * warm data-key cache, next to suite 1 ({@code MRK}, a local keystore) and SunJCE in the same run.
 *
 * <p>{@code MRK-KMS} encrypts with the us-east-1 handle and decrypts with the eu-west-1 replica's
 * handle, through {@code Cipher.getInstance("AES/GCM/NoPadding")} with no provider name, exactly as
 * {@code MRK} does. Setup encrypts and decrypts one message, which puts the data key in the
 * encryption cache and the decryption cache (default limits: 5 minutes, 2^32 messages, 2^40 bytes,
 * far above what one fork seals); setup then checks that the measured operations call KMS no
 * more, so the score is the per-message cost of a suite 2 envelope over a cached data key: the
 * header with its encrypted data key and encryption context, key commitment and the chunks.
 * {@link KmsColdMessageBenchmark} measures a message that calls KMS.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar 'KmsEnvelopeBenchmark' -wi 1 -w 6s -i 2 -r 1s -f 1}
 * (needs {@code -Pmrk,kms}; {@code benchmarks/run --kms} builds it).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class KmsEnvelopeBenchmark {

  /** The name of suite 2 over {@code mrk serve} in the {@code impl} parameter and the report. */
  public static final String MRK_KMS = "MRK-KMS";

  @Param({"SunJCE", "MRK", MRK_KMS})
  public String impl;

  @Param({"64", "16384", "1048576"})
  public int size;

  private ServeOnLoopback serve;
  private AeadUnderTest aead;
  private byte[] plaintext;
  private byte[] aad;
  private byte[] message;

  @Setup
  public void open() throws Exception {
    if (impl.equals(MRK_KMS)) {
      // Like MRK (MrkKeySource): the inner AES-GCM on SunJCE although ACCP is on the class path.
      System.setProperty("mrk.cipher.engine", "SunJCE");
      serve = ServeOnLoopback.start(CacheLimits.DEFAULT);
      aead = new MrkAead(JcaGcmKeys.choosingNonces(serve.encryptKey(), serve.decryptKey()));
    } else {
      aead = Implementations.open(impl);
    }
    plaintext = Messages.plaintext(size);
    aad = Messages.aad();
    message = aead.encrypt(plaintext, aad);
    aead.decrypt(message, aad);
    if (serve != null) {
      checkWarm();
    }
  }

  /** The cache is warm: one more message of each kind reaches KMS not at all. */
  private void checkWarm() throws GeneralSecurityException {
    long generated = serve.calls("us-east-1", "GenerateDataKey");
    long decrypted = serve.calls("eu-west-1", "Decrypt");
    aead.decrypt(aead.encrypt(plaintext, aad), aad);
    aead.decrypt(message, aad);
    if (serve.calls("us-east-1", "GenerateDataKey") != generated || serve.calls("eu-west-1", "Decrypt") != decrypted) {
      throw new IllegalStateException("the data-key cache is not warm: a cached message called KMS");
    }
  }

  @TearDown
  public void close() throws Exception {
    if (serve != null) {
      serve.close();
      serve = null;
    }
  }

  /** Encrypts one message under a fresh nonce (suite 2: over the cached data key). */
  @Benchmark
  public byte[] encrypt() throws GeneralSecurityException {
    return aead.encrypt(plaintext, aad);
  }

  /** Verifies and decrypts one message (suite 2: its data key from the decryption cache). */
  @Benchmark
  public byte[] decrypt() throws GeneralSecurityException {
    return aead.decrypt(message, aad);
  }
}
