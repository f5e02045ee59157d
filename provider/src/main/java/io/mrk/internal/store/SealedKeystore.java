package io.mrk.internal.store;

import java.nio.charset.CharacterCodingException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a keystore payload under a password, and opens it again; the byte layout is documented in
 * {@link KeystoreHeader} and {@code spec/keystore-format.md}.
 *
 * <p>Every write draws a fresh 16-byte salt and a fresh 12-byte nonce, so each file has its own
 * AES-256 key that encrypts exactly one message: the invocation limit of NIST SP 800-38D section
 * 8.3 never comes into play, and the random 96-bit nonce follows section 8.2.2. The GCM AAD is the
 * whole header, so every header bit is authenticated.
 *
 * <p>Opening reports each failure with its own checked {@link KeystoreFileException} subclass and
 * never returns a partial payload: SunJCE releases no plaintext before the tag verifies.
 */
public final class SealedKeystore {

  /** How many leading bytes {@link #isMrkKeystore} needs. */
  public static final int PROBE_BYTES = KeystoreHeader.MAGIC.length;

  /** The newest format version this code reads and the one it writes. */
  public static final int FORMAT_VERSION = KeystoreHeader.VERSION;

  /** The largest sealed file: 1 GiB. */
  public static final int MAX_FILE_BYTES = KeystoreHeader.MAX_FILE_BYTES;

  /** The largest payload that fits in {@link #MAX_FILE_BYTES}. */
  public static final int MAX_PAYLOAD_BYTES = KeystoreHeader.MAX_PAYLOAD_BYTES;

  private static final int TAG_BITS = KeystoreHeader.TAG_BYTES * 8;

  private SealedKeystore() {}

  /**
   * True when {@code firstBytes} begins with the MRK keystore magic; needs at least
   * {@link #PROBE_BYTES} bytes (fewer give false). For {@code KeyStoreSpi.engineProbe}: it
   * recognises MRK keystores of every format version, so a newer one is refused by
   * {@link #open} with a message naming its version rather than passed over.
   */
  public static boolean isMrkKeystore(byte[] firstBytes) {
    return KeystoreHeader.hasMagic(firstBytes);
  }

  /**
   * Seals {@code payload} under {@code password}. {@code random} supplies the salt first, then the
   * nonce.
   *
   * @throws IllegalArgumentException when the payload exceeds {@link #MAX_PAYLOAD_BYTES} or the
   *     password holds an unpaired surrogate (it has no UTF-8 form)
   */
  public static byte[] seal(byte[] payload, char[] password, KdfParameters kdf, SecureRandom random) {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(kdf, "kdf");
    Objects.requireNonNull(random, "random");
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds the limit of "
          + MAX_PAYLOAD_BYTES);
    }
    byte[] salt = new byte[KeystoreHeader.SALT_BYTES];
    random.nextBytes(salt);
    try (KeystoreKeys keys = deriveForSealing(password, kdf, salt)) {
      return seal(payload, kdf, salt, keys, random);
    }
  }

  /**
   * Seals {@code payload} under keys already derived for {@code kdf} and {@code salt}, with a fresh
   * nonce from {@code random}: how a session writes without running the KDF again.
   */
  static byte[] seal(byte[] payload, KdfParameters kdf, byte[] salt, KeystoreKeys keys, SecureRandom random) {
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException("payload of " + payload.length + " bytes exceeds the limit of "
          + MAX_PAYLOAD_BYTES);
    }
    byte[] nonce = new byte[KeystoreHeader.NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      KeystoreHeader header = new KeystoreHeader(kdf, salt.clone(), keys.verifier().clone(), nonce, payload.length);
      byte[] file = new byte[header.fileLength()];
      header.writeTo(file);
      Cipher cipher = gcm(Cipher.ENCRYPT_MODE, keys.encryptionKey(), nonce);
      cipher.updateAAD(file, 0, KeystoreHeader.BYTES);
      cipher.doFinal(payload, 0, payload.length, file, KeystoreHeader.BYTES);
      KeystoreHeader.writeDigest(file);
      return file;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM encryption failed", e);
    }
  }

  /**
   * Opens a sealed keystore and returns its payload, which the caller owns.
   *
   * @throws CorruptKeystoreException when the bytes are not an intact MRK keystore, or were
   *     tampered with behind a recomputed checksum
   * @throws WrongPasswordException when the password does not match
   * @throws UnsupportedKeystoreVersionException when the format version is newer than this code
   */
  public static byte[] open(byte[] sealed, char[] password) throws KeystoreFileException {
    Objects.requireNonNull(sealed, "sealed");
    Objects.requireNonNull(password, "password");
    return open(KeystoreHeader.readVerified(sealed), sealed, password);
  }

  /** Opens a sealed keystore whose framing {@link KeystoreHeader#readVerified} has checked and decoded. */
  static byte[] open(KeystoreHeader header, byte[] sealed, char[] password) throws KeystoreFileException {
    requireWithin(header.kdf(), KdfParameters.DEFAULT_CEILING);
    try (KeystoreKeys keys = deriveForOpening(password, header)) {
      return open(header, sealed, keys);
    }
  }

  /** Refuses, before any derivation, a file whose KDF would cost more than {@code ceiling} allows. */
  static void requireWithin(KdfParameters kdf, KdfParameters ceiling) throws CorruptKeystoreException {
    String problem = kdf.ceilingProblem(ceiling);
    if (problem != null) {
      throw new CorruptKeystoreException("keystore refused before any key derivation: " + problem
          + " (raise it with MrkKeystore.withKdfCeiling if the file is genuine)");
    }
  }

  /** Opens with keys already derived for the header's KDF parameters and salt. */
  static byte[] open(KeystoreHeader header, byte[] sealed, KeystoreKeys keys) throws KeystoreFileException {
    try {
      if (!MessageDigest.isEqual(keys.verifier(), header.verifier())) {
        throw new WrongPasswordException("keystore password was incorrect");
      }
      Cipher cipher = gcm(Cipher.DECRYPT_MODE, keys.encryptionKey(), header.nonce());
      cipher.updateAAD(sealed, 0, KeystoreHeader.BYTES);
      return cipher.doFinal(sealed, KeystoreHeader.BYTES, header.payloadLength() + KeystoreHeader.TAG_BYTES);
    } catch (AEADBadTagException e) {
      throw new CorruptKeystoreException(
          "keystore was tampered with: the password is correct but the content fails authentication", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM decryption failed", e);
    }
  }

  /**
   * The KDF parameters of a sealed keystore, after the same framing checks as {@link #open} but
   * without any KDF work; lets a rewrite keep the file's cost.
   */
  public static KdfParameters kdfParameters(byte[] sealed) throws KeystoreFileException {
    Objects.requireNonNull(sealed, "sealed");
    return KeystoreHeader.readVerified(sealed).kdf();
  }

  static KeystoreKeys deriveForSealing(char[] password, KdfParameters kdf, byte[] salt) {
    try {
      return KeystoreKeys.derive(password, kdf, salt);
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("password holds an unpaired surrogate and has no UTF-8 form", e);
    }
  }

  static KeystoreKeys deriveForOpening(char[] password, KeystoreHeader header) throws WrongPasswordException {
    try {
      return KeystoreKeys.derive(password, header.kdf(), header.salt());
    } catch (CharacterCodingException e) {
      throw new WrongPasswordException("keystore password was incorrect: it holds an unpaired surrogate, "
          + "which no keystore password can");
    }
  }

  /** AES-256-GCM from SunJCE, which releases no plaintext before the tag verifies. */
  private static Cipher gcm(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    return cipher;
  }
}
