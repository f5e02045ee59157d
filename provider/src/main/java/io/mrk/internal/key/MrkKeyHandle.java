package io.mrk.internal.key;

import io.mrk.MrkKey;
import io.mrk.kms.Arn;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * The one implementation of {@link MrkKey}: a Region-bound reference to a key in a registry,
 * package-private and reached from other packages only through {@link KeyHandles}.
 * It holds no material itself; {@link #source(SecretAccess)} reaches it, subject to the key's state,
 * and only for the holder of the provider's capability.
 *
 * <p>Equality is identity: two handles of the same key are interchangeable for the cipher but are
 * not "equal" keys, and nothing about the material can be learned by comparing them.
 */
final class MrkKeyHandle implements MrkKey {

  private static final long serialVersionUID = 1L;

  private final transient KeyMaterialSource source;
  private final transient Arn arn;
  private transient volatile boolean destroyed;

  MrkKeyHandle(KeyMaterialSource source) {
    this.source = source;
    this.arn = source.keyArn();
  }

  /**
   * Where the cipher gets material from.
   *
   * @throws SecurityException without the provider's {@link SecretAccess}
   * @throws IllegalStateException once destroyed
   */
  KeyMaterialSource source(SecretAccess access) {
    SecretAccess.check(access);
    if (destroyed) {
      throw new IllegalStateException("the key handle for " + arn + " was destroyed");
    }
    return source;
  }

  Arn arn() {
    return arn;
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

  /** Detaches the handle from its registry; later use fails. The registry's material is untouched. */
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
    return "MrkKey[" + arn + (destroyed ? ", destroyed" : "") + "]";
  }

  /** A handle is a reference into a live registry; serialising it would mean nothing. */
  private void writeObject(ObjectOutputStream out) throws NotSerializableException {
    throw new NotSerializableException("MRK key handles cannot be serialized; store the key ARN instead");
  }

  private void readObject(ObjectInputStream in) throws NotSerializableException {
    throw new NotSerializableException("MRK key handles cannot be serialized");
  }
}
