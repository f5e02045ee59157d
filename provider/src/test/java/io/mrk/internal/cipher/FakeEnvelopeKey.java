package io.mrk.internal.cipher;

import io.mrk.spi.EncryptedDataKey;
import io.mrk.spi.EnvelopeKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A KMS stand-in for suite 2 tests: one AES key per logical key wraps data keys with AES-GCM under
 * the serialised context as AAD; every call makes a fresh data key (no cache). {@code refusal}, when
 * set, is the KMS error every Decrypt answers with.
 */
class FakeEnvelopeKey implements EnvelopeKey {

  private static final long serialVersionUID = 1L;
  private final transient String arn;
  private final transient SecretKeySpec master;
  final transient AtomicInteger generated = new AtomicInteger();
  final transient AtomicInteger decrypted = new AtomicInteger();
  transient volatile String refusal;

  FakeEnvelopeKey(String arn, byte[] masterKey) {
    this.arn = arn;
    this.master = new SecretKeySpec(masterKey, "AES");
  }

  /** A handle of the same logical key in {@code region}. */
  FakeEnvelopeKey inRegion(String region) {
    return new FakeEnvelopeKey(arn.replace(region().isEmpty() ? "" : ":" + region() + ":", ":" + region + ":"),
        master.getEncoded());
  }

  @Override
  public <S extends Session> S sessionForMessage(Map<String, String> context, SessionMaker<S> maker)
      throws InvalidKeyException {
    byte[] dk = new byte[32];
    new SecureRandom().nextBytes(dk);
    try {
      byte[] iv = new byte[12];
      new SecureRandom().nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
      c.init(Cipher.ENCRYPT_MODE, master, new GCMParameterSpec(128, iv));
      c.updateAAD(io.mrk.EncryptionContext.encode(context));
      byte[] wrapped = c.doFinal(dk);
      byte[] blob = Arrays.copyOf(iv, 12 + wrapped.length);
      System.arraycopy(wrapped, 0, blob, 12, wrapped.length);
      generated.incrementAndGet();
      return maker.make(dk, new EncryptedDataKey("aws-kms", arn, blob), Long.MAX_VALUE);
    } catch (GeneralSecurityException e) {
      throw new InvalidKeyException(e.getMessage(), e);
    } finally {
      Arrays.fill(dk, (byte) 0);
    }
  }

  @Override
  public byte[] decryptDataKey(EncryptedDataKey edk, Map<String, String> context) throws BadPaddingException {
    decrypted.incrementAndGet();
    if (refusal != null) {
      throw new BadPaddingException(refusal);
    }
    byte[] blob = edk.ciphertext();
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
      c.init(Cipher.DECRYPT_MODE, master, new GCMParameterSpec(128, blob, 0, 12));
      c.updateAAD(io.mrk.EncryptionContext.encode(context));
      return c.doFinal(blob, 12, blob.length - 12);
    } catch (GeneralSecurityException e) {
      throw new BadPaddingException("InvalidCiphertextException: the data key does not decrypt ("
          + new String(e.getClass().getSimpleName().getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII) + ")");
    }
  }

  @Override
  public String keyArn() {
    return arn;
  }

  @Override
  public String region() {
    return arn.split(":")[3];
  }

  @Override
  public String keyId() {
    return arn.substring(arn.indexOf('/') + 1);
  }

  @Override
  public String getAlgorithm() {
    return "AES";
  }

  @Override
  public String getFormat() {
    return null;
  }

  @Override
  public byte[] getEncoded() {
    return null;
  }
}
