package io.mrk.internal.key;

import io.mrk.kms.Arn;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;

/**
 * What the cipher needs from a key in one Region: the key's identity and, subject to the key's
 * state in that Region, its material. The registry implements it; the cipher never sees the
 * registry itself.
 *
 * <p>Every call answers from the registry's current state, so disabling a key in a Region takes
 * effect at the next {@code Cipher.init} with a handle of that Region. Implementations must be
 * cheap on repeated calls (the encryption path calls {@link #encryptionMaterial()} on every init)
 * and safe for concurrent use.
 */
public interface KeyMaterialSource {

  /** The key ARN in this source's Region. */
  Arn keyArn();

  /**
   * The caches of derived secrets of the registry (keystore session) this source belongs to; the
   * same object for every source of one registry, closed with it. Must be a field read: the cipher
   * asks on every init.
   */
  SessionCaches caches();

  /**
   * The material new ciphertexts are made with: the newest version every related key holds.
   *
   * @throws KmsException {@code DisabledException} for a disabled key, {@code KMSInvalidStateException}
   *     naming the state for a key pending deletion, creating or otherwise unusable,
   *     {@code NotFoundException} for a key that no longer exists
   */
  KeyMaterial encryptionMaterial() throws KmsException;

  /**
   * Checks that the key may decrypt now in this Region.
   *
   * @throws KmsException as {@link #encryptionMaterial()}
   */
  void checkCanDecrypt() throws KmsException;

  /**
   * The material of {@code version}, for decryption.
   *
   * @throws KmsException as {@link #encryptionMaterial()}, or {@code KMSInvalidStateException} when
   *     this Region does not hold that version yet (a replica that has not been synchronised, such
   *     as a Region-scoped keystore exported before the rotation)
   */
  KeyMaterial decryptionMaterial(int version) throws KmsException;

  /**
   * The material of {@code version} whose KeyMaterialId is {@code materialId}, for decryption: a
   * ciphertext names both, because two key stores can hold different material under one version
   * number. The default looks the version up and compares the id; a source that can hold several
   * materials per version may override it to look up by id.
   *
   * @throws KmsException as {@link #decryptionMaterial(int)}, or {@code KMSInvalidStateException}
   *     saying that material {@code materialId} of version {@code version} is not held here
   */
  default KeyMaterial decryptionMaterial(int version, String materialId) throws KmsException {
    KeyMaterial m = decryptionMaterial(version);
    if (!m.materialId().equals(materialId)) {
      throw new KmsException(KmsError.INVALID_STATE, "Key material " + materialId + " of version " + version
          + " of " + keyArn() + " is not held here: this key store holds other material ("
          + m.materialId() + ") under that version.");
    }
    return m;
  }
}
