package io.mrk.internal.cipher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mrk.EncryptionContextParameterSpec;
import io.mrk.spi.EncryptedDataKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/**
 * The suite 2 known-answer vectors of spec/ciphertext-suite-2.md, section 5, computed by
 * spec/vectors/suite2_kat.py (Python's hmac and the {@code cryptography} package's AES-GCM, from the
 * spec's text): MRK decrypts both, through the MRK-aware EDK match from another Region and past an
 * EDK of another provider, and its writer reproduces vector 1 byte for byte from the same inputs.
 */
class EnvelopeFormatKatTest {

  private static final HexFormat HEX = HexFormat.of();

  /** A key whose "KMS" returns the vector's data key for the vector's EDK blob. */
  private static final class VectorKey extends FakeEnvelopeKey {
    private static final long serialVersionUID = 1L;
    final byte[] dataKey;
    final EncryptedDataKey edk;
    final AtomicInteger decrypts = new AtomicInteger();

    VectorKey(String arn, byte[] dataKey, EncryptedDataKey edk) {
      super(arn, new byte[32]);
      this.dataKey = dataKey;
      this.edk = edk;
    }

    @Override
    public <S extends Session> S sessionForMessage(Map<String, String> context, SessionMaker<S> maker)
        throws InvalidKeyException {
      try {
        return maker.make(dataKey.clone(), edk, Long.MAX_VALUE);
      } catch (java.security.GeneralSecurityException e) {
        throw new InvalidKeyException(e);
      }
    }

    @Override
    public byte[] decryptDataKey(EncryptedDataKey e, Map<String, String> context) throws BadPaddingException {
      decrypts.incrementAndGet();
      if (!e.equals(edk)) {
        throw new BadPaddingException("InvalidCiphertextException: not the vector's EDK");
      }
      return dataKey.clone();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> vectors() throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (InputStream in = EnvelopeFormatKatTest.class.getResourceAsStream("suite2-kat.jsonl")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          out.add((Map<String, Object>) TinyJson.parse(line));
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static EncryptedDataKey awsKmsEdk(Map<String, Object> v) {
    for (Object o : (List<Object>) v.get("edks")) {
      List<Object> e = (List<Object>) o;
      if (e.get(0).equals("aws-kms")) {
        return new EncryptedDataKey("aws-kms", (String) e.get(1), HEX.parseHex((String) e.get(2)));
      }
    }
    throw new AssertionError("no aws-kms EDK");
  }

  private static byte[] hex(Map<String, Object> v, String name) {
    return HEX.parseHex((String) v.get(name));
  }

  @Test
  void mrkDecryptsEveryVectorInAnotherRegion() throws Exception {
    for (Map<String, Object> v : vectors()) {
      EncryptedDataKey edk = awsKmsEdk(v);
      VectorKey eu = new VectorKey(edk.providerInfo().replace(":us-east-1:", ":eu-west-1:"), hex(v, "dataKey"), edk);
      EnvelopeCipher c = new EnvelopeCipher(new NonceGenerator(), new AesGcmCore());
      c.init(Cipher.DECRYPT_MODE, eu, null, null);
      byte[] aad = hex(v, "aad");
      c.updateAad(aad, 0, aad.length);
      byte[] ct = hex(v, "ciphertext");
      byte[] out = new byte[ct.length];
      int n = c.doFinal(ct, 0, ct.length, out, 0);
      assertArrayEquals(hex(v, "plaintext"), java.util.Arrays.copyOf(out, n), (String) v.get("name"));
      assertEquals(1, eu.decrypts.get(), "one KMS call, for the aws-kms EDK only: " + v.get("name"));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void mrkWritesVectorOneByteForByte() throws Exception {
    Map<String, Object> v = vectors().get(0);
    EncryptedDataKey edk = awsKmsEdk(v);
    VectorKey us = new VectorKey(edk.providerInfo(), hex(v, "dataKey"), edk);
    byte[] nonce = hex(v, "nonce");
    EnvelopeCipher c = new EnvelopeCipher((out, r) -> System.arraycopy(nonce, 0, out, 0, 12), new AesGcmCore(),
        new FixedSecureRandom(hex(v, "salt")));
    c.init(Cipher.ENCRYPT_MODE, us, new EncryptionContextParameterSpec((Map<String, String>) v.get("context")), null);
    byte[] aad = hex(v, "aad");
    c.updateAad(aad, 0, aad.length);
    byte[] plain = hex(v, "plaintext");
    byte[] out = new byte[(int) c.outputLength(plain.length, true)];
    int n = c.doFinal(plain, 0, plain.length, out, 0);
    assertEquals(out.length, n);
    assertArrayEquals(hex(v, "ciphertext"), out);
  }
}
