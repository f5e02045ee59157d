package io.mrk.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mrk.MrkProvider;
import io.mrk.internal.key.MrkKeyHandle;
import io.mrk.kms.Arn;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Cipher;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * Pins the known-answer vectors of spec/ciphertext-format.md, section "Known-answer vectors": the
 * cipher must produce exactly these bytes for fixed material, salt and nonce, an independent
 * re-implementation of the spec on Bouncy Castle's HKDF and GCM must produce them too, and the
 * public {@code Cipher} must decrypt them in another Region.
 */
class CiphertextFormatKatTest {

  private static final HexFormat HEX = HexFormat.of();
  static final String KEY_ID = "mrk-0123456789abcdef0123456789abcdef";
  static final byte[] MATERIAL = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  static final byte[] SALT = HEX.parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf");
  static final byte[] NONCE = HEX.parseHex("c0c1c2c3c4c5c6c7c8c9cacb");

  private final FakeKeys keys = FakeKeys.withMaterial(KEY_ID, MATERIAL, "eu-west-1", "us-east-1");

  /** Vector 1: one chunk of 26 bytes, 11 bytes of AAD, 64 KiB chunks. */
  @Test
  void shortMessage() throws Exception {
    check(16, "MRK KAT AAD".getBytes(StandardCharsets.US_ASCII),
        "Hello, multi-Region world!".getBytes(StandardCharsets.US_ASCII), Vectors.SHORT);
  }

  /** Vector 2: the empty message, no AAD: one empty final chunk (a bare tag). */
  @Test
  void emptyMessage() throws Exception {
    check(16, new byte[0], new byte[0], Vectors.EMPTY);
  }

  /** Vector 3: 600 bytes in 256-byte chunks: two full chunks and a final one of 88 bytes. */
  @Test
  void multiChunkMessage() throws Exception {
    byte[] plain = new byte[600];
    for (int i = 0; i < plain.length; i++) {
      plain[i] = (byte) i;
    }
    check(8, new byte[] {0x01, 0x02}, plain, Vectors.MULTI_CHUNK);
  }

  private void check(int chunkSizeLog2, byte[] aad, byte[] plain, String expectedHex) throws Exception {
    MrkKeyHandle eu = keys.handle("eu-west-1");
    MrkAesGcmCipherSpi spi = new MrkAesGcmCipherSpi(
        (material, arn) -> EncryptionSessions.newSession(material, arn, SALT, chunkSizeLog2));
    spi.engineInit(Cipher.ENCRYPT_MODE, eu, new FixedSecureRandom(NONCE));
    spi.engineUpdateAAD(aad, 0, aad.length);
    byte[] produced = spi.engineDoFinal(plain, 0, plain.length);

    byte[] reference = reference(eu.arn(), chunkSizeLog2, aad, plain);
    assertEquals(HEX.formatHex(reference), HEX.formatHex(produced), "cipher vs independent reference");
    assertEquals(expectedHex, HEX.formatHex(produced), "pinned vector");

    Cipher dec = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
    dec.init(Cipher.DECRYPT_MODE, keys.handle("us-east-1"));
    dec.updateAAD(aad);
    assertArrayEquals(plain, dec.doFinal(produced));
  }

  /** The format computed straight from the spec text with Bouncy Castle primitives. */
  private static byte[] reference(Arn arn, int chunkSizeLog2, byte[] aad, byte[] plain) throws Exception {
    byte[] info = ByteBuffer.allocate(27 + 1 + KEY_ID.length() + 4)
        .put("MRK/v1 AES-256-GCM data key".getBytes(StandardCharsets.US_ASCII)).put((byte) 0)
        .put(KEY_ID.getBytes(StandardCharsets.US_ASCII)).putInt(1).array();
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(MATERIAL, SALT, info));
    byte[] okm = new byte[64];
    hkdf.generateBytes(okm, 0, 64);
    byte[] dataKey = java.util.Arrays.copyOf(okm, 32);
    byte[] commitment = java.util.Arrays.copyOfRange(okm, 32, 64);

    byte[] arnBytes = arn.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] header = ByteBuffer.allocate(5 + arnBytes.length + 4 + 32 + 12 + 32)
        .put((byte) 1).put((byte) 1).put((byte) chunkSizeLog2).putShort((short) arnBytes.length)
        .put(arnBytes).putInt(1).put(SALT).put(NONCE).put(commitment).array();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(header);
    int size = 1 << chunkSizeLog2;
    int chunks = Math.max(1, (plain.length + size - 1) / size);
    for (int i = 0; i < chunks; i++) {
      boolean last = i == chunks - 1;
      byte[] nonce = NONCE.clone();
      nonce[7] ^= (byte) (i >>> 24);
      nonce[8] ^= (byte) (i >>> 16);
      nonce[9] ^= (byte) (i >>> 8);
      nonce[10] ^= (byte) i;
      nonce[11] ^= (byte) (last ? 1 : 0);
      byte[] chunkAad = i == 0 ? ByteBuffer.allocate(header.length + aad.length).put(header).put(aad).array()
          : new byte[0];
      int from = i * size;
      int len = Math.min(size, plain.length - from);
      GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
      gcm.init(true, new AEADParameters(new KeyParameter(dataKey), 128, nonce, chunkAad));
      byte[] ct = new byte[gcm.getOutputSize(len)];
      int n = gcm.processBytes(plain, from, len, ct, 0);
      gcm.doFinal(ct, n);
      out.write(ct);
    }
    return out.toByteArray();
  }

  /** The vectors as printed in the spec. */
  private static final class Vectors {
    static final String SHORT = "010110004b61726e3a6177733a6b6d733a65752d776573742d313a3131313132323232333333333a"
        + "6b65792f6d726b2d3031323334353637383961626364656630313233343536373839616263646566"
        + "00000001a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3"
        + "c4c5c6c7c8c9cacb43d5c53e062ccd5ce5e479ef5cc55814a2e882d6cb43f9089ad1a939ffc2cac0"
        + "1b0556049efae110583174e8ba9c2a3c64918ad4d1c5585e4cbcf37799d955235fcc0ebb399a62e9"
        + "b905";
    static final String EMPTY = "010110004b61726e3a6177733a6b6d733a65752d776573742d313a3131313132323232333333333a"
        + "6b65792f6d726b2d3031323334353637383961626364656630313233343536373839616263646566"
        + "00000001a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3"
        + "c4c5c6c7c8c9cacb43d5c53e062ccd5ce5e479ef5cc55814a2e882d6cb43f9089ad1a939ffc2cac0"
        + "c2d7fff78a87e927047fefcd87762826";
    static final String MULTI_CHUNK = "010108004b61726e3a6177733a6b6d733a65752d776573742d313a3131313132323232333333333a"
        + "6b65792f6d726b2d3031323334353637383961626364656630313233343536373839616263646566"
        + "00000001a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3"
        + "c4c5c6c7c8c9cacb43d5c53e062ccd5ce5e479ef5cc55814a2e882d6cb43f9089ad1a939ffc2cac0"
        + "b323963a9c353381799ab3d4b1414dcadd5a862ae248a6a4941f0a70616824ebd1b6c866667a1ffc"
        + "71ce5bebc9a50c3d83645b2ef6b6c30447c7f9a2a5fdfa4a873c97fe5b432244e735492bdce67ea7"
        + "79283c0a3b347c8758a1e44120da29d093ca71d4728646f34a994757050e300cc63298749ff0f4cc"
        + "a7a7f9dcf2fdacd1138267feb8798b59f7187438127b40c50cb40d99a8398c561cf610448d6124f7"
        + "f114fae581ba1a0a7166b7f92987ab3a49508d85d08ab1f76a41057dfb82ab30e9cfcb3745295c82"
        + "ccedbfab26d53fdcd734d3e239d5ef71e05dc3b67215b8c6fd3263e152c53ed2fe3616a9950d5179"
        + "e91d3256ce48c351a5309f1d7ca9736705c8e9581e7732fbb07d4b73150d7d1bfff95dea7d4445fb"
        + "8a0f8e780666c514133a1f83c3bea5abb117ce158f2c28e0b86ed0ef2d6e7c87fb40fd2b4c321753"
        + "9e4ae6595220f03a29843eae2351d4ace5b5cee131eb7efcac2c96e28f9aa4f489540d5461f79ac9"
        + "794654e30b357725c12d67152b973d0794b20f67ebc29f8f67a1c2f1af877122ab9fdaa524c96682"
        + "30217a94eeae910a08b763aa380ce12256d6c77f19ed46560b2fd2534fc8d5eb1d92e97fb9d89b48"
        + "57dc3783227f16c169ca13d50db166e50115d4a033809fa67385d4d8efccf0e4a6422a107ce7dcde"
        + "937ac78c88a9ca72307f0f2a7f54beb0fee675789316c76991ebc0c738440e0600b4aba08095fa2f"
        + "f229ffe2941ae9abdd935d6d08b525e58fbcdda16552a148ae4c0cd3ca306b5d1c059056e9371467"
        + "154f3ed17a03d70d8d8c0e4e0bd6fa2d0e013c12fd134f64198ffbcb926d4d045c1839ca3cdf8c62"
        + "16f7456f9b3a688bf09385174bd1d2171457dbc0f566637b961fe5105788a17aad95a03058f1d649"
        + "c9ed24f5fe5714fa";
  }
}
