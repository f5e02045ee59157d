package io.mrk.internal.key;

import io.mrk.kms.Arn;
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
}
