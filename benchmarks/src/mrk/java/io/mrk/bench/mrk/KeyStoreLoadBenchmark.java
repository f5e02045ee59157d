package io.mrk.bench.mrk;

import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code KeyStore.load} of an MRK keystore file holding 1,000 multi-Region keys in five Regions
 * with an alias in each (5,000 key entries and 5,000 alias entries), in ops/s: the cost an
 * application pays at start-up, including the password KDF (the default Argon2id). The file is made
 * once and reused (see {@link MrkFixture#keystoreFileWith1000Keys()}).
 *
 * <p>Run (needs {@code -Pmrk}): {@code java -jar benchmarks/target/benchmarks.jar KeyStoreLoadBenchmark -wi 1 -w 3s -i 2 -r 2s -f 1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KeyStoreLoadBenchmark {

  @Param({"MRK"})
  public String impl;

  /** Keys in the file; a parameter only so the report reads it like the others. */
  @Param({"1000"})
  public int size;

  private Path file;

  @Setup(Level.Trial)
  public void findOrWriteFile() throws Exception {
    file = MrkFixture.keystoreFileWith1000Keys();
  }

  @Benchmark
  public KeyStore load() throws Exception {
    return MrkFixture.load(file);
  }
}
