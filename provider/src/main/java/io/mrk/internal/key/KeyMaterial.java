package io.mrk.internal.key;

import java.time.Instant;
import java.util.Arrays;

/**
 * One version of a key's 256-bit material. Versions are numbered from 1 in rotation order and are
 * immutable once made; every version is kept so that old ciphertexts keep decrypting.
 *
 * <p>The bytes are reachable only with the provider's {@link SecretAccess} capability, and then as
 * a fresh copy that the caller wipes after use: this object's own array never leaves it, so no
 * caller can change a key in place. Reading copies 32 bytes, once per derived data key (the
 * cipher caches those), never per message. {@link #destroy(SecretAccess)} wipes the array.
 */
public final class KeyMaterial {

  public static final int KEY_BYTES = 32;

  private final int version;
  private final byte[] bytes;
  private final String materialId;
  private final Instant createdAt;
  private final boolean onDemand;
  private volatile boolean destroyed;

  /**
   * @param version 1 for the original material, then one more per rotation
   * @param bytes the material; owned by this object from now on
   * @param materialId the public KeyMaterialId, 64 lower-case hex digits, derived from nothing secret
   * @param createdAt when this version was made (the rotation date for versions after the first)
   * @param onDemand whether this version came from RotateKeyOnDemand rather than automatic rotation
   */
  public KeyMaterial(int version, byte[] bytes, String materialId, Instant createdAt, boolean onDemand) {
    if (version < 1) {
      throw new IllegalArgumentException("material version must be at least 1");
    }
    if (bytes == null || bytes.length != KEY_BYTES) {
      throw new IllegalArgumentException("key material must be " + KEY_BYTES + " bytes");
    }
    this.version = version;
    this.bytes = bytes;
    this.materialId = materialId;
    this.createdAt = createdAt;
    this.onDemand = onDemand;
  }

  public int version() {
    return version;
  }

  /**
   * A copy of the material, for the holder of the capability; wipe it after use.
   *
   * @throws SecurityException without the provider's {@link SecretAccess}
   * @throws IllegalStateException once destroyed
   */
  public byte[] bytes(SecretAccess access) {
    SecretAccess.check(access);
    if (destroyed) {
      throw new IllegalStateException("key material was destroyed");
    }
    return bytes.clone();
  }

  public String materialId() {
    return materialId;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public boolean onDemand() {
    return onDemand;
  }

  /** Wipes the material; later reads fail. Needs the capability, since it changes the key in place. */
  public void destroy(SecretAccess access) {
    SecretAccess.check(access);
    destroyed = true;
    Arrays.fill(bytes, (byte) 0);
  }

  public boolean isDestroyed() {
    return destroyed;
  }

  /** Names the version only. */
  @Override
  public String toString() {
    return "KeyMaterial[version=" + version + ", id=" + materialId + "]";
  }
}
