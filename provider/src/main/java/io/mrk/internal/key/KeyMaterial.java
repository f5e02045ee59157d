package io.mrk.internal.key;

import java.time.Instant;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * One version of a key's 256-bit material. Versions are numbered from 1 in rotation order and are
 * immutable once made; every version is kept so that old ciphertexts keep decrypting.
 *
 * <p>The array is shared, not copied, because it sits on the encryption hot path: callers inside
 * the provider must never modify it or let it escape. {@link #destroy()} wipes it.
 */
public final class KeyMaterial implements Destroyable {

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

  /** The material itself. Never modify it, log it or hand it out of the provider. */
  public byte[] bytes() {
    if (destroyed) {
      throw new IllegalStateException("key material was destroyed");
    }
    return bytes;
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

  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  /** Names the version only. */
  @Override
  public String toString() {
    return "KeyMaterial[version=" + version + ", id=" + materialId + "]";
  }
}
