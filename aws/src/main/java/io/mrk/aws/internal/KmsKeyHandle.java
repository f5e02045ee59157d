package io.mrk.aws.internal;

import io.mrk.EncryptionContext;
import io.mrk.kms.Arn;
import io.mrk.kms.KmsException;
import io.mrk.spi.EncryptedDataKey;
import io.mrk.spi.EnvelopeKey;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.ProviderException;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.BadPaddingException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

/**
 * A handle to a symmetric encryption key in AWS KMS, bound to one Region. It holds no material;
 * data keys come from KMS through the keystore's {@link DataKeyCache}.
 *
 * <p>Encryption calls {@code GenerateDataKey(KeyId = this ARN, KeySpec = AES_256, EncryptionContext)}
 * in this Region. Decryption calls {@code Decrypt} with {@code KeyId} = this handle's own ARN, as the
 * AWS Encryption SDK's MRK-aware keyring does (aws-kms-mrk-keyring.md, OnDecrypt), checks that the
 * response names this ARN and that the data key is 32 bytes. Equality is identity, as for local handles.
 */
final class KmsKeyHandle implements EnvelopeKey {

  private static final long serialVersionUID = 1L;
  private static final int DATA_KEY_BYTES = 32;

  private final transient Arn arn;
  private final transient KmsRegion region;
  private final transient DataKeyCache cache;
  private transient volatile boolean destroyed;

  KmsKeyHandle(Arn arn, KmsRegion region, DataKeyCache cache) {
    this.arn = arn;
    this.region = region;
    this.cache = cache;
  }

  @Override
  public <S extends Session> S sessionForMessage(Map<String, String> context, SessionMaker<S> maker)
      throws InvalidKeyException {
    checkLive();
    Object identity = identity();
    DataKeyCache.EncryptionSlot slot = new DataKeyCache.EncryptionSlot(region.code(), keyArn(), Map.copyOf(context),
        identity);
    return cache.session(slot, () -> generate(context, maker));
  }

  private <S extends Session> S generate(Map<String, String> context, SessionMaker<S> maker)
      throws InvalidKeyException {
    GenerateDataKeyResponse r;
    try {
      r = region.client().generateDataKey(b -> b.keyId(keyArn()).keySpec(DataKeySpec.AES_256)
          .encryptionContext(context));
    } catch (SdkException e) {
      throw KmsErrors.invalidKey(e, region.code());
    }
    byte[] dk = r.plaintext() == null ? new byte[0] : r.plaintext().asByteArrayUnsafe();
    try {
      if (dk.length != DATA_KEY_BYTES) {
        throw new InvalidKeyException("KMS GenerateDataKey in " + region.code() + " returned a data key of "
            + dk.length + " bytes, not " + DATA_KEY_BYTES);
      }
      String returned = r.keyId();
      if (returned == null || !isKeyArn(returned)) {
        throw new InvalidKeyException("KMS GenerateDataKey in " + region.code() + " returned '" + returned
            + "' as its KeyId, not a key ARN");
      }
      byte[] blob = r.ciphertextBlob() == null ? new byte[0] : r.ciphertextBlob().asByteArray();
      return maker.make(dk, new EncryptedDataKey(EncryptedDataKey.AWS_KMS, returned, blob), cache.limits().maxBytes());
    } catch (InvalidKeyException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new InvalidKeyException("cannot start a message under " + keyArn() + ": " + e.getMessage(), e);
    } finally {
      Arrays.fill(dk, (byte) 0);
    }
  }

  @Override
  public byte[] decryptDataKey(EncryptedDataKey edk, Map<String, String> context) throws BadPaddingException {
    if (destroyed) {
      throw new BadPaddingException("the key handle for " + arn + " was destroyed");
    }
    Object identity;
    try {
      identity = identity();
    } catch (InvalidKeyException e) {
      BadPaddingException b = new BadPaddingException(e.getMessage());
      b.initCause(e.getCause());
      throw b;
    }
    byte[] blob = edk.ciphertext();
    DataKeyCache.DecryptionSlot slot = new DataKeyCache.DecryptionSlot(region.code(), identity,
        ByteBuffer.wrap(digest(context, blob)));
    return cache.dataKey(slot, () -> decrypt(blob, context));
  }

  private byte[] decrypt(byte[] blob, Map<String, String> context) throws BadPaddingException {
    DecryptResponse r;
    try {
      r = region.client().decrypt(b -> b.keyId(keyArn()).ciphertextBlob(SdkBytes.fromByteArray(blob))
          .encryptionContext(context));
    } catch (SdkException e) {
      throw KmsErrors.badPadding(e, region.code());
    }
    byte[] dk = r.plaintext() == null ? new byte[0] : r.plaintext().asByteArrayUnsafe();
    try {
      // aws-kms-mrk-keyring.md, OnDecrypt: the response KeyId MUST equal the configured key identifier.
      if (!keyArn().equals(r.keyId())) {
        throw new BadPaddingException("KMS Decrypt in " + region.code() + " answered for " + r.keyId()
            + ", not " + keyArn());
      }
      if (dk.length != DATA_KEY_BYTES) {
        throw new BadPaddingException("KMS Decrypt in " + region.code() + " returned a data key of "
            + dk.length + " bytes, not " + DATA_KEY_BYTES);
      }
      return dk.clone();
    } finally {
      Arrays.fill(dk, (byte) 0);
    }
  }

  /** SHA-256 of this ARN, the serialised context and the EDK: one decryption-cache entry per ciphertext key. */
  private byte[] digest(Map<String, String> context, byte[] blob) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] a = keyArn().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      byte[] c = EncryptionContext.encode(context);
      sha.update(ByteBuffer.allocate(8).putInt(a.length).putInt(c.length).array());
      sha.update(a);
      sha.update(c);
      sha.update(blob);
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new ProviderException("SHA-256 is unavailable", e);
    }
  }

  private Object identity() throws InvalidKeyException {
    try {
      return region.identity().get();
    } catch (SdkException e) {
      throw KmsErrors.invalidKey(e, region.code());
    }
  }

  private void checkLive() throws InvalidKeyException {
    if (destroyed) {
      throw new InvalidKeyException("the key handle for " + arn + " was destroyed");
    }
  }

  private static boolean isKeyArn(String s) {
    try {
      return Arn.parse(s).isKey();
    } catch (KmsException e) {
      return false;
    }
  }

  @Override
  public String keyArn() {
    return arn.toString();
  }

  @Override
  public String region() {
    return arn.region();
  }

  @Override
  public String keyId() {
    return arn.resourceId();
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

  @Override
  public void destroy() {
    destroyed = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "MrkKey[" + arn + ", AWS KMS" + (destroyed ? ", destroyed" : "") + "]";
  }

  private void writeObject(ObjectOutputStream out) throws NotSerializableException {
    throw new NotSerializableException("MRK key handles cannot be serialized; store the key ARN instead");
  }

  private void readObject(ObjectInputStream in) throws NotSerializableException {
    throw new NotSerializableException("MRK key handles cannot be serialized");
  }
}
