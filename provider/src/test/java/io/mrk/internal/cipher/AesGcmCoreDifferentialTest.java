package io.mrk.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** Seeded random cases: the core, SunJCE's Cipher and Bouncy Castle's lightweight GCM must agree. */
class AesGcmCoreDifferentialTest {

  @Test
  void agreesWithSunJceAndBouncyCastle() throws Exception {
    long seed = System.nanoTime();
    Random r = new Random(seed);
    AesGcmCore core = new AesGcmCore();
    for (int i = 0; i < 300; i++) {
      byte[] key = bytes(r, 32);
      byte[] nonce = bytes(r, 12);
      byte[] aadHead = bytes(r, r.nextInt(3) == 0 ? 0 : r.nextInt(300));
      byte[] aadTail = bytes(r, r.nextInt(3) == 0 ? 0 : r.nextInt(40));
      byte[] plain = bytes(r, r.nextInt(5) == 0 ? 0 : r.nextInt(5000));
      String where = "seed " + seed + ", case " + i;
      byte[] aad = concat(aadHead, aadTail);

      byte[] ours = new byte[plain.length + 16];
      core.seal(AesGcmCore.key(key), nonce, aad, aad.length, plain, 0, plain.length, ours, 0);

      Cipher sun = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
      sun.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      sun.updateAAD(aad);
      assertArrayEquals(sun.doFinal(plain), ours, where + " vs SunJCE");

      GCMModeCipher bc = GCMBlockCipher.newInstance(AESEngine.newInstance());
      bc.init(true, new AEADParameters(new KeyParameter(key), 128, nonce, aad));
      byte[] theirs = new byte[bc.getOutputSize(plain.length)];
      bc.doFinal(theirs, bc.processBytes(plain, 0, plain.length, theirs, 0));
      assertArrayEquals(theirs, ours, where + " vs Bouncy Castle");

      byte[] opened = new byte[ours.length];
      int n = core.open(AesGcmCore.key(key), nonce, aad, aad.length, ours, 0, ours.length, opened, 0);
      assertArrayEquals(plain, Arrays.copyOf(opened, n), where + " round trip");
    }
  }

  private static byte[] bytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
