package io.mrk.bench;

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

/**
 * Per-message encrypt and decrypt throughput (ops/s) of each implementation, one message of
 * {@code size} bytes with 32 bytes of AAD per operation; subclasses fix the thread count.
 *
 * <p>Each thread has its own instance ({@code Scope.Thread}): its own reused {@code Cipher}s, keys
 * and {@code SecureRandom}. Encryption draws a fresh nonce per message; decryption verifies one
 * message encrypted in setup. MB/s in the report is ops/s x size / 10^6.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public abstract class AeadThroughput {

  @Param({"SunJCE", "BC", "ACCP", "Tink", "ESDK"})
  public String impl;

  @Param({"64", "1024", "16384", "1048576"})
  public int size;

  private AeadUnderTest aead;
  private byte[] plaintext;
  private byte[] aad;
  private byte[] message;

  @Setup
  public void open() throws Exception {
    aead = Implementations.open(impl);
    plaintext = Messages.plaintext(size);
    aad = Messages.aad();
    message = aead.encrypt(plaintext, aad);
  }

  /** Encrypts one message under a fresh nonce. */
  @Benchmark
  public byte[] encrypt() throws GeneralSecurityException {
    return aead.encrypt(plaintext, aad);
  }

  /** Verifies and decrypts one message. */
  @Benchmark
  public byte[] decrypt() throws GeneralSecurityException {
    return aead.decrypt(message, aad);
  }
}
