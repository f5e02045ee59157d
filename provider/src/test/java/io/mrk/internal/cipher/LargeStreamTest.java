package io.mrk.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.MrkProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import org.junit.jupiter.api.Test;

/**
 * SLOW (about 20-40 s): streams 3 GiB of generated plaintext through an encrypting and a decrypting
 * {@link CipherInputStream}, chained in memory, in a child JVM limited to 64 MiB of heap, and checks
 * every decrypted byte against the generator. It proves that memory is bounded by the chunk size, not
 * the message size: a cipher that buffered the message (as GCM decryption does in SunJCE) would run
 * out of heap. The size can be lowered with {@code -Dmrk.largeStream.bytes=...}.
 */
class LargeStreamTest {

  private static final long DEFAULT_BYTES = 3L << 30;

  @Test
  void threeGibThroughSixtyFourMibOfHeap() throws Exception {
    long size = Long.getLong("mrk.largeStream.bytes", DEFAULT_BYTES);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-Xmx64m",
        "-cp", System.getProperty("java.class.path"), Child.class.getName(), Long.toString(size)));
    pb.redirectErrorStream(true);
    Process child = pb.start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(10, TimeUnit.MINUTES), "child JVM did not finish");
    assertEquals(0, child.exitValue(), output);
    assertTrue(output.contains("verified " + size + " bytes"), output);
  }

  /** The child JVM: encrypt, decrypt, compare, all streaming. */
  static final class Child {

    public static void main(String[] args) throws Exception {
      long size = Long.parseLong(args[0]);
      FakeKeys keys = FakeKeys.multiRegion(42, "eu-west-1", "us-east-1");
      MrkProvider mrk = new MrkProvider();
      Cipher enc = Cipher.getInstance("AES/GCM/NoPadding", mrk);
      enc.init(Cipher.ENCRYPT_MODE, keys.handle("eu-west-1"));
      Cipher dec = Cipher.getInstance("AES/GCM/NoPadding", mrk);
      dec.init(Cipher.DECRYPT_MODE, keys.handle("us-east-1"));
      Generator expected = new Generator(size);
      byte[] got = new byte[1 << 16];
      byte[] want = new byte[1 << 16];
      long total = 0;
      try (InputStream plain = new CipherInputStream(new CipherInputStream(new Generator(size), enc), dec)) {
        int n;
        while ((n = plain.read(got)) > 0) {
          expected.readNBytes(want, 0, n);
          for (int i = 0; i < n; i++) {
            if (got[i] != want[i]) {
              System.out.println("mismatch at byte " + (total + i));
              System.exit(2);
            }
          }
          total += n;
        }
      }
      if (total != size || expected.read() != -1) {
        System.out.println("length mismatch: " + total + " of " + size);
        System.exit(3);
      }
      System.out.println("verified " + total + " bytes with max heap " + Runtime.getRuntime().maxMemory());
    }
  }

  /** A deterministic stream of {@code size} pseudo-random bytes (xorshift64). */
  static final class Generator extends InputStream {

    private final long size;
    private long position;
    private long state = 0x9E3779B97F4A7C15L;
    private long word;

    Generator(long size) {
      this.size = size;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position >= size) {
        return -1;
      }
      int n = (int) Math.min(len, size - position);
      for (int i = 0; i < n; i++) {
        if ((position & 7) == 0) {
          state ^= state << 13;
          state ^= state >>> 7;
          state ^= state << 17;
          word = state;
        }
        b[off + i] = (byte) (word >>> ((position & 7) * 8));
        position++;
      }
      return n;
    }
  }
}
