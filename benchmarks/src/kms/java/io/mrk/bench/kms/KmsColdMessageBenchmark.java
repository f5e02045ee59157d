package io.mrk.bench.kms;

import io.mrk.aws.CacheLimits;
import io.mrk.bench.AeadUnderTest;
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
 * Issue 12: the cost of a cold suite 2 message, with the data-key cache limited to one message
 * ({@code maxMessages = 1}), so that every message calls {@code mrk serve} on loopback.
 *
 * <p>{@code encrypt}: one {@code GenerateDataKey} round trip (SigV4-signed by the SDK, verified by
 * the server, key policy checked, audit event written) plus the envelope of a 64-byte message.
 * {@code roundTrip}: that message decrypted with the eu-west-1 replica's handle as well, which adds
 * one {@code Decrypt} round trip (a new message's encrypted data key is never in the decryption
 * cache). Setup checks that each operation makes exactly those calls. The report gives the time per
 * message (1 / score); the difference to {@link KmsEnvelopeBenchmark}'s 64 B score is the KMS call.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar 'KmsColdMessageBenchmark' -wi 1 -w 5s -i 2 -r 2s -f 1}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class KmsColdMessageBenchmark {

  @Param({KmsEnvelopeBenchmark.MRK_KMS})
  public String impl;

  @Param({"64"})
  public int size;

  private ServeOnLoopback serve;
  private AeadUnderTest aead;
  private byte[] plaintext;
  private byte[] aad;

  @Setup
  public void open() throws Exception {
    // Like MRK (MrkKeySource): the inner AES-GCM on SunJCE although ACCP is on the class path.
    System.setProperty("mrk.cipher.engine", "SunJCE");
    serve = ServeOnLoopback.start(CacheLimits.DEFAULT.withMaxMessages(1));
    aead = new MrkAead(JcaGcmKeys.choosingNonces(serve.encryptKey(), serve.decryptKey()));
    plaintext = Messages.plaintext(size);
    aad = Messages.aad();
    long generated = serve.calls("us-east-1", "GenerateDataKey");
    long decrypted = serve.calls("eu-west-1", "Decrypt");
    byte[] first = aead.encrypt(plaintext, aad);
    aead.decrypt(aead.encrypt(plaintext, aad), aad);
    aead.decrypt(first, aad);
    if (serve.calls("us-east-1", "GenerateDataKey") - generated != 2
        || serve.calls("eu-west-1", "Decrypt") - decrypted != 2) {
      throw new IllegalStateException("a cold message did not make one GenerateDataKey and one Decrypt call");
    }
  }

  @TearDown
  public void close() throws Exception {
    serve.close();
  }

  /** One message under a new data key: a GenerateDataKey round trip and the envelope. */
  @Benchmark
  public byte[] encrypt() throws GeneralSecurityException {
    return aead.encrypt(plaintext, aad);
  }

  /** One new message encrypted and decrypted: GenerateDataKey and Decrypt round trips. */
  @Benchmark
  public byte[] roundTrip() throws GeneralSecurityException {
    return aead.decrypt(aead.encrypt(plaintext, aad), aad);
  }
}
