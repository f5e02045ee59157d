package io.mrk.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.MrkCiphertext;
import io.mrk.MrkKey;
import io.mrk.MrkProvider;
import io.mrk.kms.KeyState;
import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/** Issue 10, problems 6 and 7: JCA edges where MRK now behaves as SunJCE does. */
class MrkCipherJcaEdgesTest {

  private static final Provider MRK = new MrkProvider();
  private static final String GCM = "AES/GCM/NoPadding";
  private static final int[] SIZES = {0, 1, 100, 65_535, 65_536, 65_537, 200_000};

  private final FakeKeys keys = FakeKeys.multiRegion(13, "eu-west-1", "us-east-1");
  private final MrkKey eu = keys.handle("eu-west-1");
  private final MrkKey us = keys.handle("us-east-1");

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  private byte[] encrypt(byte[] plain) throws Exception {
    Cipher c = Cipher.getInstance(GCM, MRK);
    c.init(Cipher.ENCRYPT_MODE, eu);
    return c.doFinal(plain);
  }

  private Cipher decrypting() throws Exception {
    Cipher c = Cipher.getInstance(GCM, MRK);
    c.init(Cipher.DECRYPT_MODE, us);
    return c;
  }

  @Test
  void decryptionAcceptsAnOutputExactlyThePlaintextSize() throws Exception {
    for (int size : SIZES) {
      byte[] plain = bytes(size);
      byte[] ct = encrypt(plain);
      byte[] out = new byte[size];
      assertEquals(size, decrypting().doFinal(ct, 0, ct.length, out, 0), "array, size " + size);
      assertArrayEquals(plain, out);
      for (boolean direct : new boolean[] {false, true}) {
        ByteBuffer in = direct ? ByteBuffer.allocateDirect(ct.length).put(ct).flip() : ByteBuffer.wrap(ct);
        ByteBuffer o = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        assertEquals(size, decrypting().doFinal(in, o), "buffer direct=" + direct + ", size " + size);
        assertEquals(0, in.remaining());
        o.flip();
        byte[] got = new byte[o.remaining()];
        o.get(got);
        assertArrayEquals(plain, got, "buffer direct=" + direct + ", size " + size);
      }
      // Input completed by doFinal after an update: the remaining output is exact too.
      Cipher split = decrypting();
      byte[] first = split.update(ct, 0, ct.length / 2);
      ByteBuffer rest = ByteBuffer.allocate(size - (first == null ? 0 : first.length));
      split.doFinal(ByteBuffer.wrap(ct, ct.length / 2, ct.length - ct.length / 2), rest);
      assertEquals(0, rest.remaining(), "split, size " + size);
    }
  }

  @Test
  void encryptionAcceptsAnOutputExactlyTheCiphertextSizeAsByteBuffer() throws Exception {
    byte[] plain = bytes(1_000);
    Cipher enc = Cipher.getInstance(GCM, MRK);
    enc.init(Cipher.ENCRYPT_MODE, eu);
    ByteBuffer out = ByteBuffer.allocateDirect(enc.getOutputSize(plain.length));
    enc.doFinal(ByteBuffer.wrap(plain), out);
    assertEquals(0, out.remaining());
    byte[] ct = new byte[out.flip().remaining()];
    out.get(ct);
    assertArrayEquals(plain, decrypting().doFinal(ct));
  }

  @Test
  void aFailedDoFinalLeavesNoPlaintextInTheCallersOutput() throws Exception {
    byte[] plain = bytes(200_000);
    byte[] ct = encrypt(plain);
    ct[ct.length - 1] ^= 1;
    byte[] out = new byte[plain.length + 10];
    Arrays.fill(out, (byte) 0x55);
    assertThrows(AEADBadTagException.class, () -> decrypting().doFinal(ct, 0, ct.length, out, 5));
    assertOnly(out, (byte) 0x55, (byte) 0);
    ByteBuffer heap = ByteBuffer.allocate(plain.length);
    Arrays.fill(heap.array(), (byte) 0x55);
    assertThrows(AEADBadTagException.class, () -> decrypting().doFinal(ByteBuffer.wrap(ct), heap));
    assertOnly(heap.array(), (byte) 0x55, (byte) 0);
    assertEquals(0, heap.position());
  }

  private static void assertOnly(byte[] b, byte x, byte y) {
    for (int i = 0; i < b.length; i++) {
      assertTrue(b[i] == x || b[i] == y, "plaintext byte left at " + i);
    }
  }

  @Test
  void aReusedEncryptingCipherChecksTheKeyStateForEveryMessage() throws Exception {
    Cipher enc = Cipher.getInstance(GCM, MRK);
    enc.init(Cipher.ENCRYPT_MODE, eu);
    enc.doFinal(bytes(10));
    keys.region("eu-west-1").setState(KeyState.DISABLED);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> enc.doFinal(bytes(10)));
    assertTrue(e.getMessage().startsWith("DisabledException: "), e.getMessage());
    keys.region("eu-west-1").setState(KeyState.ENABLED);
    assertEquals(1, MrkCiphertext.parseHeader(enc.doFinal(bytes(10))).materialVersion());
    keys.rotate();
    byte[] afterRotation = enc.doFinal(bytes(10));
    assertEquals(2, MrkCiphertext.parseHeader(afterRotation).materialVersion(), "the reused cipher follows rotation");
    assertArrayEquals(bytes(10), decrypting().doFinal(afterRotation));
  }

  /**
   * The delayed-selection trap (README, DIFFERENCES.md): a Cipher from getInstance without a provider
   * name whose first init failed stays bound to no provider and refuses every later init; the advice,
   * a new Cipher.getInstance (or naming the provider), works.
   */
  @Test
  void aFailedFirstInitWithoutProviderNameNeedsANewCipher() throws Exception {
    Security.addProvider(MRK);
    try {
      keys.region("eu-west-1").setState(KeyState.DISABLED);
      Cipher trapped = Cipher.getInstance(GCM);
      assertThrows(InvalidKeyException.class, () -> trapped.init(Cipher.ENCRYPT_MODE, eu));
      Cipher named = Cipher.getInstance(GCM, "MRK");
      assertThrows(InvalidKeyException.class, () -> named.init(Cipher.ENCRYPT_MODE, eu));
      keys.region("eu-west-1").setState(KeyState.ENABLED);

      InvalidKeyException stuck = assertThrows(InvalidKeyException.class,
          () -> trapped.init(Cipher.ENCRYPT_MODE, eu));
      System.err.println("MrkCipherJcaEdgesTest: re-init after a failed first init: " + stuck);

      Cipher fresh = Cipher.getInstance(GCM);
      fresh.init(Cipher.ENCRYPT_MODE, eu);
      assertSame(MRK, fresh.getProvider());
      named.init(Cipher.ENCRYPT_MODE, eu);
      assertArrayEquals(bytes(5), decrypting().doFinal(named.doFinal(bytes(5))));
    } finally {
      Security.removeProvider("MRK");
      keys.region("eu-west-1").setState(KeyState.ENABLED);
    }
  }
}
