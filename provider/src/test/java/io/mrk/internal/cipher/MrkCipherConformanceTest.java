package io.mrk.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.MrkKey;
import io.mrk.MrkProvider;
import io.mrk.kms.KeyState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.CipherOutputStream;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JCA contract of {@code AES/GCM/NoPadding} as SunJCE honours it, for MRK handles. */
class MrkCipherConformanceTest {

  private static final Provider MRK = new MrkProvider();
  private static final String GCM = "AES/GCM/NoPadding";

  private final FakeKeys keys = FakeKeys.multiRegion(1, "eu-west-1", "us-east-1", "ap-south-1");
  private final MrkKey eu = keys.handle("eu-west-1");
  private final MrkKey us = keys.handle("us-east-1");

  private static Cipher cipher(int mode, MrkKey key) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance(GCM, MRK);
    c.init(mode, key);
    return c;
  }

  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void encryptsInOneRegionAndDecryptsInAnother() throws Exception {
    byte[] plain = bytes(200_000, 1);
    Cipher enc = cipher(Cipher.ENCRYPT_MODE, eu);
    enc.updateAAD(new byte[] {1, 2, 3});
    byte[] ct = enc.doFinal(plain);
    Cipher dec = cipher(Cipher.DECRYPT_MODE, us);
    dec.updateAAD(new byte[] {1, 2, 3});
    assertArrayEquals(plain, dec.doFinal(ct));
  }

  @Test
  void decryptsAfterRotation() throws Exception {
    byte[] ct = cipher(Cipher.ENCRYPT_MODE, eu).doFinal(bytes(10, 2));
    keys.rotate();
    byte[] ct2 = cipher(Cipher.ENCRYPT_MODE, eu).doFinal(bytes(10, 3));
    assertEquals(1, io.mrk.MrkCiphertext.parseHeader(ct).materialVersion());
    assertEquals(2, io.mrk.MrkCiphertext.parseHeader(ct2).materialVersion());
    assertArrayEquals(bytes(10, 2), cipher(Cipher.DECRYPT_MODE, us).doFinal(ct));
    assertArrayEquals(bytes(10, 3), cipher(Cipher.DECRYPT_MODE, us).doFinal(ct2));
  }

  @Test
  void multiPartUpdateMatchesOneShot() throws Exception {
    byte[] plain = bytes(3 * 65_536 + 17, 4);
    Cipher enc = cipher(Cipher.ENCRYPT_MODE, eu);
    ByteArrayOutputStream ct = new ByteArrayOutputStream();
    Random r = new Random(5);
    int off = 0;
    while (off < plain.length) {
      int n = Math.min(plain.length - off, r.nextInt(70_000));
      byte[] part = enc.update(plain, off, n);
      if (part != null) {
        ct.write(part);
      }
      off += n;
    }
    ct.write(enc.doFinal());
    byte[] c = ct.toByteArray();
    assertEquals(enc.getOutputSize(0) >= 0, true);
    Cipher dec = cipher(Cipher.DECRYPT_MODE, us);
    ByteArrayOutputStream pt = new ByteArrayOutputStream();
    off = 0;
    while (off < c.length) {
      int n = Math.min(c.length - off, r.nextInt(70_000));
      byte[] part = dec.update(c, off, n);
      if (part != null) {
        pt.write(part);
      }
      off += n;
    }
    pt.write(dec.doFinal());
    assertArrayEquals(plain, pt.toByteArray());
  }

  @Test
  void aadAfterDataIsRefused() throws Exception {
    Cipher enc = cipher(Cipher.ENCRYPT_MODE, eu);
    enc.update(new byte[5]);
    assertThrows(IllegalStateException.class, () -> enc.updateAAD(new byte[1]));
    byte[] ct = enc.doFinal();
    Cipher dec = cipher(Cipher.DECRYPT_MODE, eu);
    dec.update(ct, 0, 3);
    assertThrows(IllegalStateException.class, () -> dec.updateAAD(new byte[1]));
  }

  @Test
  void wrongAadFailsWithAeadBadTag() throws Exception {
    Cipher enc = cipher(Cipher.ENCRYPT_MODE, eu);
    enc.updateAAD("context".getBytes());
    byte[] ct = enc.doFinal(bytes(100, 6));
    Cipher dec = cipher(Cipher.DECRYPT_MODE, us);
    dec.updateAAD("kontext".getBytes());
    assertThrows(AEADBadTagException.class, () -> dec.doFinal(ct));
    dec.updateAAD("context".getBytes());
    assertArrayEquals(bytes(100, 6), dec.doFinal(ct), "usable again after a failure");
  }

  @Test
  void outputSizeIsNeverTooSmall() throws Exception {
    for (int n : new int[] {0, 1, 65_535, 65_536, 65_537, 200_000}) {
      Cipher enc = cipher(Cipher.ENCRYPT_MODE, eu);
      int bound = enc.getOutputSize(n);
      byte[] ct = enc.doFinal(new byte[n]);
      assertTrue(bound >= ct.length, "encrypt bound for " + n);
      Cipher dec = cipher(Cipher.DECRYPT_MODE, eu);
      assertTrue(dec.getOutputSize(ct.length) >= n, "decrypt bound for " + n);
    }
  }

  @Test
  void shortBufferComesBeforeAnyStateChange() throws Exception {
    byte[] plain = bytes(1000, 7);
    Cipher enc = cipher(Cipher.ENCRYPT_MODE, eu);
    assertThrows(ShortBufferException.class, () -> enc.doFinal(plain, 0, plain.length, new byte[10], 0));
    enc.updateAAD(new byte[] {9});
    byte[] out = new byte[enc.getOutputSize(plain.length)];
    int n = enc.doFinal(plain, 0, plain.length, out, 0);
    byte[] ct = Arrays.copyOf(out, n);
    Cipher dec = cipher(Cipher.DECRYPT_MODE, eu);
    dec.updateAAD(new byte[] {9});
    assertThrows(ShortBufferException.class, () -> dec.doFinal(ct, 0, ct.length, new byte[999], 0));
    byte[] pt = new byte[1000];
    assertEquals(1000, dec.doFinal(ct, 0, ct.length, pt, 0));
    assertArrayEquals(plain, pt);
  }

  @Test
  void byteBuffersHeapDirectReadOnlyAndInPlace() throws Exception {
    byte[] plain = bytes(150_000, 8);
    Cipher enc = cipher(Cipher.ENCRYPT_MODE, eu);
    ByteBuffer direct = ByteBuffer.allocateDirect(enc.getOutputSize(plain.length));
    enc.doFinal(ByteBuffer.wrap(plain).asReadOnlyBuffer(), direct);
    direct.flip();
    byte[] ct = new byte[direct.remaining()];
    direct.get(ct);
    Cipher dec = cipher(Cipher.DECRYPT_MODE, us);
    ByteBuffer inPlace = ByteBuffer.wrap(ct.clone());
    ByteBuffer sameArray = inPlace.duplicate();
    dec.doFinal(inPlace, sameArray);
    assertArrayEquals(plain, Arrays.copyOf(sameArray.array(), plain.length));

    byte[] buf = Arrays.copyOf(plain, enc.getOutputSize(plain.length));
    int n = enc.doFinal(buf, 0, plain.length, buf, 0);
    byte[] ct2 = Arrays.copyOf(buf, n);
    assertArrayEquals(plain, cipher(Cipher.DECRYPT_MODE, us).doFinal(ct2));
  }

  @Test
  void encryptionReuseAfterDoFinalTakesAFreshNonce() throws Exception {
    Cipher enc = cipher(Cipher.ENCRYPT_MODE, eu);
    byte[] iv1 = enc.getIV();
    byte[] ct1 = enc.doFinal(bytes(10, 9));
    assertArrayEquals(iv1, enc.getIV(), "getIV after doFinal names the finished message's nonce");
    byte[] ct2 = enc.doFinal(bytes(10, 9));
    byte[] iv2 = enc.getIV();
    assertNotEquals(Arrays.toString(iv1), Arrays.toString(iv2));
    assertNotEquals(Arrays.toString(ct1), Arrays.toString(ct2));
    Cipher dec = cipher(Cipher.DECRYPT_MODE, us);
    assertArrayEquals(bytes(10, 9), dec.doFinal(ct1));
    assertArrayEquals(bytes(10, 9), dec.doFinal(ct2), "decryption reuse after doFinal");
  }

  @Test
  void parametersFromEncryptionAreAcceptedForDecryption() throws Exception {
    Cipher enc = cipher(Cipher.ENCRYPT_MODE, eu);
    byte[] ct = enc.doFinal(bytes(33, 10));
    GCMParameterSpec spec = enc.getParameters().getParameterSpec(GCMParameterSpec.class);
    assertEquals(128, spec.getTLen());
    Cipher dec = Cipher.getInstance(GCM, MRK);
    dec.init(Cipher.DECRYPT_MODE, us, spec);
    assertArrayEquals(bytes(33, 10), dec.doFinal(ct));
    dec.init(Cipher.DECRYPT_MODE, us, enc.getParameters());
    assertArrayEquals(bytes(33, 10), dec.doFinal(ct));
    dec.init(Cipher.DECRYPT_MODE, us, new GCMParameterSpec(128, new byte[12]));
    assertThrows(AEADBadTagException.class, () -> dec.doFinal(ct));
    assertThrows(InvalidAlgorithmParameterException.class,
        () -> dec.init(Cipher.DECRYPT_MODE, us, new GCMParameterSpec(96, new byte[12])));
    Cipher fresh = Cipher.getInstance(GCM, MRK);
    fresh.init(Cipher.DECRYPT_MODE, us);
    assertNull(fresh.getIV());
  }

  @Test
  void callerIvOnEncryptionIsRefused() throws Exception {
    Cipher enc = Cipher.getInstance(GCM, MRK);
    InvalidAlgorithmParameterException e = assertThrows(InvalidAlgorithmParameterException.class,
        () -> enc.init(Cipher.ENCRYPT_MODE, eu, new GCMParameterSpec(128, new byte[12])));
    assertTrue(e.getMessage().contains("nonce"), e.getMessage());
  }

  @Test
  void keyStateProblemsNameTheKmsError() throws Exception {
    byte[] ct = cipher(Cipher.ENCRYPT_MODE, eu).doFinal(bytes(10, 11));
    keys.region("us-east-1").setState(KeyState.DISABLED);
    assertKeyError("DisabledException", () -> cipher(Cipher.ENCRYPT_MODE, us));
    assertKeyError("DisabledException", () -> cipher(Cipher.DECRYPT_MODE, us));
    keys.region("us-east-1").setState(KeyState.PENDING_DELETION);
    assertKeyError("KMSInvalidStateException", () -> cipher(Cipher.DECRYPT_MODE, us));
    keys.region("us-east-1").setState(KeyState.CREATING);
    assertKeyError("KMSInvalidStateException", () -> cipher(Cipher.ENCRYPT_MODE, us));
    keys.region("ap-south-1").delete();
    assertKeyError("NotFoundException", () -> cipher(Cipher.DECRYPT_MODE, keys.handle("ap-south-1")));
    keys.region("us-east-1").setState(KeyState.ENABLED);
    assertArrayEquals(bytes(10, 11), cipher(Cipher.DECRYPT_MODE, us).doFinal(ct));
  }

  private static void assertKeyError(String kmsError, org.junit.jupiter.api.function.Executable init) {
    InvalidKeyException e = assertThrows(InvalidKeyException.class, init);
    assertTrue(e.getMessage().startsWith(kmsError + ": "), e.getMessage());
  }

  @Test
  void unsynchronisedReplicaSaysWhichVersionIsMissing() throws Exception {
    keys.rotate();
    byte[] ct = cipher(Cipher.ENCRYPT_MODE, eu).doFinal(bytes(10, 12));
    keys.region("us-east-1").holdOnly(1);
    Cipher dec = cipher(Cipher.DECRYPT_MODE, us);
    BadPaddingException e = assertThrows(BadPaddingException.class, () -> dec.doFinal(ct));
    assertTrue(e.getMessage().startsWith("KMSInvalidStateException"), e.getMessage());
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
  }

  @Test
  void wrongKeyNamesBothArns() throws Exception {
    FakeKeys other = FakeKeys.multiRegion(99, "eu-west-1");
    byte[] ct = cipher(Cipher.ENCRYPT_MODE, eu).doFinal(bytes(10, 13));
    Cipher dec = cipher(Cipher.DECRYPT_MODE, other.handle("eu-west-1"));
    AEADBadTagException e = assertThrows(AEADBadTagException.class, () -> dec.doFinal(ct));
    assertTrue(e.getMessage().startsWith("IncorrectKeyException"), e.getMessage());
    assertTrue(e.getMessage().contains(eu.keyArn()) && e.getMessage().contains(other.handle("eu-west-1").keyArn()));
  }

  @Test
  void nonMrkKeysAreRefused() throws Exception {
    Cipher c = Cipher.getInstance(GCM, MRK);
    InvalidKeyException e = assertThrows(InvalidKeyException.class,
        () -> c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[32], "AES")));
    assertTrue(e.getMessage().contains("MrkKey"), e.getMessage());
  }

  @Test
  void truncatedAndMalformedInputGiveCheckedExceptions() throws Exception {
    byte[] ct = cipher(Cipher.ENCRYPT_MODE, eu).doFinal(bytes(100, 14));
    for (int len : new int[] {0, 1, 4, 5, 60, ct.length - 117, ct.length - 16, ct.length - 1}) {
      Cipher dec = cipher(Cipher.DECRYPT_MODE, eu);
      assertThrows(AEADBadTagException.class, () -> dec.doFinal(Arrays.copyOf(ct, len)), "length " + len);
    }
    byte[] bad = ct.clone();
    bad[0] = 1;
    AEADBadTagException e = assertThrows(AEADBadTagException.class,
        () -> cipher(Cipher.DECRYPT_MODE, eu).doFinal(bad));
    assertTrue(e.getMessage().contains("version"), e.getMessage());
  }

  @Test
  void failureInUpdateWithholdsLaterOutput() throws Exception {
    byte[] plain = bytes(5 * 65_536, 15);
    byte[] ct = cipher(Cipher.ENCRYPT_MODE, eu).doFinal(plain);
    ct[140_000] ^= 1;
    Cipher dec = cipher(Cipher.DECRYPT_MODE, eu);
    byte[] first = dec.update(ct, 0, 150_000);
    assertEquals(2 * 65_536, first.length, "two verified chunks are released");
    byte[] rest = dec.update(ct, 150_000, ct.length - 150_000);
    assertTrue(rest == null || rest.length == 0);
    assertThrows(AEADBadTagException.class, dec::doFinal);
  }

  @Test
  void cipherStreamsWork() throws Exception {
    byte[] plain = bytes(300_000, 16);
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (CipherOutputStream out = new CipherOutputStream(sink, cipher(Cipher.ENCRYPT_MODE, eu))) {
      out.write(plain, 0, 1000);
      out.write(plain, 1000, plain.length - 1000);
    }
    byte[] ct = sink.toByteArray();
    try (InputStream in = new CipherInputStream(new ByteArrayInputStream(ct), cipher(Cipher.DECRYPT_MODE, us))) {
      assertArrayEquals(plain, in.readAllBytes());
    }
    ct[ct.length - 1] ^= 1;
    try (InputStream in = new CipherInputStream(new ByteArrayInputStream(ct), cipher(Cipher.DECRYPT_MODE, us))) {
      assertThrows(IOException.class, in::readAllBytes);
    }
  }

  /**
   * With MRK last: an MRK handle reaches MRK and a raw key SunJCE. With Bouncy Castle installed ahead
   * the success path is unchanged, but a failing MRK key surfaces BC's exception (printed); the
   * remedy, jdk.security.provider.preferred, is read when the JDK builds its provider list, so it
   * must come from a java.security override file, not Security.setProperty at run time.
   */
  @Test
  void delayedProviderSelectionRoutesByKeyType() throws Exception {
    Security.addProvider(MRK);
    try {
      Cipher c = Cipher.getInstance(GCM);
      c.init(Cipher.ENCRYPT_MODE, eu);
      assertEquals("MRK", c.getProvider().getName());
      Cipher raw = Cipher.getInstance(GCM);
      raw.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "AES"));
      assertEquals("SunJCE", raw.getProvider().getName());
      Cipher alias = Cipher.getInstance("AES_256/GCM/NoPadding");
      alias.init(Cipher.ENCRYPT_MODE, eu);
      assertEquals("MRK", alias.getProvider().getName());

      Security.insertProviderAt(new BouncyCastleProvider(), 1);
      try {
        Cipher withBc = Cipher.getInstance(GCM);
        withBc.init(Cipher.ENCRYPT_MODE, eu);
        assertEquals("MRK", withBc.getProvider().getName());
        keys.region("eu-west-1").setState(KeyState.DISABLED);
        Cipher failing = Cipher.getInstance(GCM);
        Exception e = assertThrows(Exception.class, () -> failing.init(Cipher.ENCRYPT_MODE, eu));
        System.err.println("MrkCipherConformanceTest: disabled MRK key, BC ahead, no preference: " + e);
        keys.region("eu-west-1").setState(KeyState.ENABLED);
      } finally {
        Security.removeProvider("BC");
      }
    } finally {
      Security.removeProvider("MRK");
    }
  }

  /**
   * In a child JVM whose java.security override sets jdk.security.provider.preferred to MRK for
   * AES/GCM/NoPadding, with Bouncy Castle first and MRK last: a failing MRK key reports MRK's own
   * InvalidKeyException, a working one reaches MRK, and a raw key still goes elsewhere.
   */
  @Test
  void preferredProviderPropertyRestoresMrkErrorsWithBouncyCastleAhead(@TempDir Path dir) throws Exception {
    Path props = dir.resolve("mrk.java.security");
    Files.writeString(props, "jdk.security.provider.preferred=AES/GCM/NoPadding:MRK\n");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child = new ProcessBuilder(java.toString(), "-Djava.security.properties=" + props,
        "-cp", System.getProperty("java.class.path"), PreferredChild.class.getName())
        .redirectErrorStream(true).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(2, TimeUnit.MINUTES), out);
    assertEquals(0, child.exitValue(), out);
    assertTrue(out.contains("disabled: java.security.InvalidKeyException: DisabledException:"), out);
    assertTrue(out.contains("enabled: MRK"), out);
    assertTrue(out.contains("raw: BC"), out);
  }

  /** The child JVM of the test above. */
  static final class PreferredChild {
    public static void main(String[] args) throws Exception {
      Security.insertProviderAt(new BouncyCastleProvider(), 1);
      Security.addProvider(new MrkProvider());
      FakeKeys keys = FakeKeys.multiRegion(3, "eu-west-1");
      keys.region("eu-west-1").setState(KeyState.DISABLED);
      try {
        Cipher.getInstance(GCM).init(Cipher.ENCRYPT_MODE, keys.handle("eu-west-1"));
        System.out.println("disabled: accepted");
      } catch (Exception e) {
        System.out.println("disabled: " + e);
      }
      keys.region("eu-west-1").setState(KeyState.ENABLED);
      Cipher mrk = Cipher.getInstance(GCM);
      mrk.init(Cipher.ENCRYPT_MODE, keys.handle("eu-west-1"));
      System.out.println("enabled: " + mrk.getProvider().getName());
      Cipher raw = Cipher.getInstance(GCM);
      raw.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "AES"));
      System.out.println("raw: " + raw.getProvider().getName());
    }
  }
}
