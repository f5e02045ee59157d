package io.mrk.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mrk.MrkKey;
import io.mrk.MrkProvider;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the MRK ciphertext: portability across Regions and rotations, and that every
 * alteration, any other key and any other Region of a single-Region key fail with a checked exception.
 * Tampering properties use 256-byte chunks so that short messages span several chunks.
 */
class MrkCipherProperties {

  private static final Provider MRK = new MrkProvider();
  private static final String[] REGIONS = {"eu-west-1", "us-east-1", "ap-south-1", "sa-east-1"};

  private static byte[] bytes(long seed, int n) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] decrypt(MrkKey key, byte[] aad, byte[] ct) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding", MRK);
    c.init(Cipher.DECRYPT_MODE, key);
    c.updateAAD(aad);
    return c.doFinal(ct);
  }

  private static byte[] encrypt(MrkKey key, byte[] aad, byte[] plain) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding", MRK);
    c.init(Cipher.ENCRYPT_MODE, key);
    c.updateAAD(aad);
    return c.doFinal(plain);
  }

  /** An encrypting SPI with 256-byte chunks and one fixed session, for multi-chunk tampering. */
  private static MrkAesGcmCipherSpi smallChunkEncryptor(MrkKey key, long seed) throws Exception {
    byte[] salt = bytes(seed, DataKeyDerivation.SALT_BYTES);
    MrkAesGcmCipherSpi spi = TestCiphers.spi(
        (material, arn) -> EncryptionSessions.newSession(material, arn, salt, 8));
    spi.engineInit(Cipher.ENCRYPT_MODE, key, new java.security.SecureRandom());
    return spi;
  }

  private static byte[] smallChunks(MrkAesGcmCipherSpi spi, byte[] aad, byte[] plain) throws Exception {
    spi.engineUpdateAAD(aad, 0, aad.length);
    return spi.engineDoFinal(plain, 0, plain.length);
  }

  @Property(tries = 40)
  void decryptsInEveryRegionAfterRotations(@ForAll @IntRange(min = 0, max = 70_000) int size,
                                           @ForAll @IntRange(min = 0, max = 3) int from,
                                           @ForAll @IntRange(min = 0, max = 3) int to,
                                           @ForAll @IntRange(min = 0, max = 2) int rotationsBefore,
                                           @ForAll @IntRange(min = 0, max = 2) int rotationsAfter,
                                           @ForAll long seed) throws Exception {
    FakeKeys keys = FakeKeys.multiRegion(seed, REGIONS);
    for (int i = 0; i < rotationsBefore; i++) {
      keys.rotate();
    }
    byte[] plain = bytes(seed, size);
    byte[] aad = Long.toString(seed).getBytes(StandardCharsets.US_ASCII);
    byte[] ct = encrypt(keys.handle(REGIONS[from]), aad, plain);
    for (int i = 0; i < rotationsAfter; i++) {
      keys.rotate();
    }
    assertArrayEquals(plain, decrypt(keys.handle(REGIONS[to]), aad, ct));
  }

  /**
   * One reused decrypting cipher, no re-init, messages fed in random pieces (the header split across
   * updates, the repeated-header path, the growing hold-back buffer), a tampered message among them:
   * every intact message decrypts, the tampered one fails, and the failure does not leak into the next.
   */
  @Property(tries = 60)
  void aReusedDecryptorTakesAnyPiecesAndRecoversAfterAFailure(
      @ForAll @IntRange(min = 0, max = 1_500) int size, @ForAll @IntRange(min = 1, max = 700) int piece,
      @ForAll @IntRange(min = 0, max = 2) int tampered, @ForAll long seed) throws Exception {
    FakeKeys keys = FakeKeys.multiRegion(seed, REGIONS);
    MrkAesGcmCipherSpi enc = smallChunkEncryptor(keys.handle("eu-west-1"), seed);
    List<byte[]> plains = new ArrayList<>();
    List<byte[]> cts = new ArrayList<>();
    for (int m = 0; m < 3; m++) {
      byte[] plain = bytes(seed + m, size + m);
      plains.add(plain);
      cts.add(smallChunks(enc, new byte[] {(byte) m}, plain));
    }
    cts.get(tampered)[cts.get(tampered).length - 1] ^= 1;
    MrkAesGcmCipherSpi dec = TestCiphers.spi(new EncryptionSessions());
    dec.engineInit(Cipher.DECRYPT_MODE, keys.handle("us-east-1"), null);
    for (int m = 0; m < 3; m++) {
      byte[] ct = cts.get(m);
      dec.engineUpdateAAD(new byte[] {(byte) m}, 0, 1);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      int off = 0;
      for (; off + piece < ct.length; off += piece) {
        out.writeBytes(dec.engineUpdate(ct, off, piece));
      }
      int last = off;
      if (m == tampered) {
        assertThrows(AEADBadTagException.class, () -> dec.engineDoFinal(ct, last, ct.length - last));
      } else {
        out.writeBytes(dec.engineDoFinal(ct, last, ct.length - last));
        assertArrayEquals(plains.get(m), out.toByteArray(), "message " + m);
      }
    }
  }

  @Property(tries = 200)
  void anySingleBitFlipFails(@ForAll @IntRange(min = 0, max = 900) int size,
                             @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int where,
                             @ForAll @IntRange(min = 0, max = 7) int bit, @ForAll long seed) throws Exception {
    FakeKeys keys = FakeKeys.multiRegion(seed, REGIONS);
    byte[] ct = smallChunks(smallChunkEncryptor(keys.handle("eu-west-1"), seed), new byte[0], bytes(seed, size));
    ct[where % ct.length] ^= (byte) (1 << bit);
    assertThrows(GeneralSecurityException.class, () -> decrypt(keys.handle("us-east-1"), new byte[0], ct));
  }

  @Property(tries = 200)
  void anyTruncationFails(@ForAll @IntRange(min = 0, max = 900) int size,
                          @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int cut, @ForAll long seed)
      throws Exception {
    FakeKeys keys = FakeKeys.multiRegion(seed, REGIONS);
    byte[] ct = smallChunks(smallChunkEncryptor(keys.handle("eu-west-1"), seed), new byte[0], bytes(seed, size));
    byte[] truncated = Arrays.copyOf(ct, cut % ct.length);
    assertThrows(GeneralSecurityException.class, () -> decrypt(keys.handle("us-east-1"), new byte[0], truncated));
  }

  @Property(tries = 200)
  void anyExtensionFails(@ForAll @IntRange(min = 0, max = 900) int size,
                         @ForAll @IntRange(min = 1, max = 600) int extra, @ForAll long seed) throws Exception {
    FakeKeys keys = FakeKeys.multiRegion(seed, REGIONS);
    MrkAesGcmCipherSpi spi = smallChunkEncryptor(keys.handle("eu-west-1"), seed);
    byte[] ct = smallChunks(spi, new byte[0], bytes(seed, size));
    byte[] tail = smallChunks(spi, new byte[0], bytes(seed + 1, 900));
    byte[] extended = Arrays.copyOf(ct, ct.length + extra);
    System.arraycopy(tail, tail.length - extra, extended, ct.length, extra);
    assertThrows(GeneralSecurityException.class, () -> decrypt(keys.handle("us-east-1"), new byte[0], extended));
  }

  @Property(tries = 200)
  void splicingTwoCiphertextsOfOneSessionFails(@ForAll @IntRange(min = 0, max = 5) int chunksOfA,
                                               @ForAll @IntRange(min = 0, max = 5) int chunksOfB,
                                               @ForAll long seed) throws Exception {
    FakeKeys keys = FakeKeys.multiRegion(seed, REGIONS);
    MrkAesGcmCipherSpi spi = smallChunkEncryptor(keys.handle("eu-west-1"), seed);
    byte[] a = smallChunks(spi, new byte[0], bytes(seed, 1200));
    byte[] b = smallChunks(spi, new byte[0], bytes(seed + 1, 1200));
    int header = CiphertextHeader.parse(a, 0, a.length).length();
    int unit = 256 + AesGcmCore.TAG_BYTES;
    int cutA = Math.min(a.length, header + chunksOfA * unit);
    int cutB = Math.min(b.length, header + chunksOfB * unit);
    byte[] spliced = Arrays.copyOf(a, cutA + b.length - cutB);
    System.arraycopy(b, cutB, spliced, cutA, b.length - cutB);
    if (Arrays.equals(spliced, a) || Arrays.equals(spliced, b)) {
      return;
    }
    assertThrows(GeneralSecurityException.class, () -> decrypt(keys.handle("us-east-1"), new byte[0], spliced));
  }

  @Property(tries = 50)
  void anUnrelatedKeyNeverDecrypts(@ForAll @IntRange(min = 0, max = 2000) int size, @ForAll long seed)
      throws Exception {
    FakeKeys mine = FakeKeys.multiRegion(seed, REGIONS);
    FakeKeys other = FakeKeys.multiRegion(seed ^ 0x5DEECE66DL, REGIONS);
    byte[] ct = encrypt(mine.handle("eu-west-1"), new byte[0], bytes(seed, size));
    AEADBadTagException wrongKey = assertThrows(AEADBadTagException.class,
        () -> decrypt(other.handle("eu-west-1"), new byte[0], ct));
    assertTrue(wrongKey.getMessage().startsWith("IncorrectKeyException"), wrongKey.getMessage());

    // A header rewritten to name the other key names material the other key does not hold...
    byte[] renamed = ct.clone();
    byte[] otherArn = other.handle("eu-west-1").keyArn().getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(otherArn, 0, renamed, CiphertextHeader.PREFIX_BYTES, otherArn.length);
    BadPaddingException notHeld = assertThrows(BadPaddingException.class,
        () -> decrypt(other.handle("eu-west-1"), new byte[0], renamed));
    assertTrue(notHeld.getMessage().contains("is not held here"), notHeld.getMessage());
    // ...and with the other key's material id as well, it meets the key commitment.
    byte[] otherId = java.util.HexFormat.of().parseHex(other.material(1).materialId());
    System.arraycopy(otherId, 0, renamed, CiphertextHeader.PREFIX_BYTES + otherArn.length + 4, otherId.length);
    AEADBadTagException commitment = assertThrows(AEADBadTagException.class,
        () -> decrypt(other.handle("eu-west-1"), new byte[0], renamed));
    assertTrue(commitment.getMessage().contains("commitment"), commitment.getMessage());
  }

  @Property(tries = 50)
  void aSingleRegionKeyDecryptsOnlyInItsRegion(@ForAll @IntRange(min = 0, max = 2000) int size,
                                               @ForAll long seed) throws Exception {
    FakeKeys keys = FakeKeys.singleRegion(seed, "eu-west-1", "us-east-1");
    byte[] plain = bytes(seed, size);
    byte[] ct = encrypt(keys.handle("eu-west-1"), new byte[0], plain);
    assertArrayEquals(plain, decrypt(keys.handle("eu-west-1"), new byte[0], ct));
    AEADBadTagException e = assertThrows(AEADBadTagException.class,
        () -> decrypt(keys.handle("us-east-1"), new byte[0], ct));
    assertTrue(e.getMessage().startsWith("IncorrectKeyException"), e.getMessage());
  }

  @Example
  void threadsSharingAHandleNeverRepeatAKeyAndNonce() throws Exception {
    FakeKeys keys = FakeKeys.multiRegion(7, REGIONS);
    MrkKey handle = keys.handle("eu-west-1");
    Set<String> seen = ConcurrentHashMap.newKeySet();
    int threads = 8;
    int perThread = 300;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        futures.add(pool.submit(() -> {
          Cipher enc = Cipher.getInstance("AES/GCM/NoPadding", MRK);
          for (int i = 0; i < perThread; i++) {
            byte[] plain = bytes(id * 1000L + i, i % 100);
            if (i % 2 == 0) {
              enc = Cipher.getInstance("AES/GCM/NoPadding", MRK);
            }
            if (i % 2 == 0 || i == 1) {
              enc.init(Cipher.ENCRYPT_MODE, handle);
            }
            byte[] ct = enc.doFinal(plain);
            CiphertextHeader h = CiphertextHeader.parse(ct, 0, ct.length);
            String keyAndNonce = HexFormat.of().formatHex(h.salt()) + HexFormat.of().formatHex(TestCiphers.nonce(ct));
            assertTrue(seen.add(keyAndNonce), "repeated salt and nonce " + keyAndNonce);
            assertArrayEquals(plain, decrypt(keys.handle("us-east-1"), new byte[0], ct));
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(threads * perThread, seen.size());
  }
}
