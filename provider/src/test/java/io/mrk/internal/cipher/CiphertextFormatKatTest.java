package io.mrk.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mrk.MrkKey;
import io.mrk.MrkProvider;
import io.mrk.internal.key.KeyHandles;
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
  static final String MATERIAL_ID = "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeef";

  private final FakeKeys keys = FakeKeys.withMaterial(KEY_ID, MATERIAL, MATERIAL_ID, "eu-west-1", "us-east-1");

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
    MrkKey eu = keys.handle("eu-west-1");
    MrkAesGcmCipherSpi spi = new MrkAesGcmCipherSpi(
        (material, arn) -> EncryptionSessions.newSession(material, arn, SALT, chunkSizeLog2),
        (nonce, random) -> System.arraycopy(NONCE, 0, nonce, 0, NONCE.length), new AesGcmCore());
    spi.engineInit(Cipher.ENCRYPT_MODE, eu, new FixedSecureRandom(NONCE));
    spi.engineUpdateAAD(aad, 0, aad.length);
    byte[] produced = spi.engineDoFinal(plain, 0, plain.length);

    byte[] reference = reference(KeyHandles.arn(eu), chunkSizeLog2, aad, plain);
    assertEquals(HEX.formatHex(reference), HEX.formatHex(produced), "cipher vs independent reference");
    assertEquals(expectedHex, HEX.formatHex(produced), "pinned vector");

    Cipher dec = Cipher.getInstance("AES/GCM/NoPadding", new MrkProvider());
    dec.init(Cipher.DECRYPT_MODE, keys.handle("us-east-1"));
    dec.updateAAD(aad);
    assertArrayEquals(plain, dec.doFinal(produced));
  }

  /** The format computed straight from the spec text with Bouncy Castle primitives. */
  private static byte[] reference(Arn arn, int chunkSizeLog2, byte[] aad, byte[] plain) throws Exception {
    byte[] arnBytes = arn.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] bound = ByteBuffer.allocate(5 + arnBytes.length + 4 + 32 + 32)
        .put((byte) 2).put((byte) 1).put((byte) chunkSizeLog2).putShort((short) arnBytes.length)
        .put(arnBytes).putInt(1).put(HEX.parseHex(MATERIAL_ID)).put(SALT).array();
    byte[] label = "MRK/v2 AES-256-GCM".getBytes(StandardCharsets.US_ASCII);
    byte[] info = ByteBuffer.allocate(label.length + 1 + bound.length).put(label).put((byte) 0).put(bound).array();
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(MATERIAL, SALT, info));
    byte[] okm = new byte[64];
    hkdf.generateBytes(okm, 0, 64);
    byte[] dataKey = java.util.Arrays.copyOf(okm, 32);
    byte[] commitment = java.util.Arrays.copyOfRange(okm, 32, 64);
    byte[] header = ByteBuffer.allocate(bound.length + 32 + 12).put(bound).put(commitment).put(NONCE).array();

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
      byte[] chunkAad = i == 0 ? aad : new byte[0];
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
    static final String SHORT = "020110004b61726e3a6177733a6b6d733a65752d776573742d313a3131313132323232333333333a"
        + "6b65792f6d726b2d3031323334353637383961626364656630313233343536373839616263646566"
        + "00000001d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeefa0a1a2a3"
        + "a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf4da89c0a359a3926174c965d"
        + "4f5d1d0f4e53ef712c7180b85316d29adf9914a7c0c1c2c3c4c5c6c7c8c9cacb5fcfca3524483fcb"
        + "798881fe2ab82ac41a11c733f8a05cdc5bd48706eab4b8f9d205209390eef7136ab2";
    static final String EMPTY = "020110004b61726e3a6177733a6b6d733a65752d776573742d313a3131313132323232333333333a"
        + "6b65792f6d726b2d3031323334353637383961626364656630313233343536373839616263646566"
        + "00000001d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeefa0a1a2a3"
        + "a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf4da89c0a359a3926174c965d"
        + "4f5d1d0f4e53ef712c7180b85316d29adf9914a7c0c1c2c3c4c5c6c7c8c9cacbdbca0f58e342ca0f"
        + "46ac313322a74186";
    static final String MULTI_CHUNK = "020108004b61726e3a6177733a6b6d733a65752d776573742d313a3131313132323232333333333a"
        + "6b65792f6d726b2d3031323334353637383961626364656630313233343536373839616263646566"
        + "00000001d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeefa0a1a2a3"
        + "a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf7326ae13ceef3db37864afce"
        + "450237f4e7f037b51486291fd17eadeff4fb20dec0c1c2c3c4c5c6c7c8c9cacb01f8543f5ee239c0"
        + "5bc88b527a965826467b1ce364d5e093777cea8e81434e29379bd5f4c1886af37693ef4436f31428"
        + "7f8186026ac0cd88399cf97d68b0327e44a02cbcced345a22e8406b78996a8898baa1c92972cd24d"
        + "ebb680055dd485352592f9b4901a13d6699b6fd604f7cdd293437aea7a1ef4d49be56600f4c63185"
        + "7dc73a47836b2fa4a4014997a97c3e6d84819ab110a8eb051ad063a63cb52c3374e86a70f76128c9"
        + "836486b50778df75939ba5c98a3f95a65efea2d34b7c66ffc9a032f06a3be70e220c9ab9437a3e11"
        + "4f6e92884f19422f6c6d82af6d15172a7abecb628529021fb748fc3c6794d29ff9f717a46874cc0c"
        + "1d546fb41124fb524e9e64a3697a71e1e36c7cf8a44f1202b6f86ca54fd46cd7e793618de3c4ff79"
        + "5160a4eec552b978b0b754c707095b632f8ac12f21d694e7fb4326688381952c5d1e6e33fbc149a4"
        + "3a3fe0cffdfdf353c5dc460a71c460639635db65c0e7bcad08abcc9ea6e7bf31d5ca39e6c3510f8b"
        + "7dfb31ff53fa3a10ffbf6b8a66e044b11eda0fbd71b68e58539124c72305f6d4d9d97c9e0308be60"
        + "9945338b40ffc978d2409ad5b743923916d9722d68f875085625e46ffa570dc72539d7a12e379795"
        + "f9df5930656e4e7d738a099c0cb316b1d37774edf5547b813ecb8cf3fa80799592a592529c673818"
        + "e8eeddd0b962ae72c87470f3d8afd315b7640d93e9fee2120ff089affae00e590bad99e388f87c8f"
        + "1dd2efc0eae242def55006b6fe2e3440f043dde100bd57d9b759221484c469888bdb2fda552d78b5"
        + "141a0ad963b3feb360c9a3e9cb12a649888b2fe9d257f1e3eeea35eaf1e2821cd14628d024d65a1a"
        + "d3588addbbddd894202c441baf47ef60c828ba835e45373ecfd552a9f9bf7592dbec6bf9c90133d6";
  }
}
