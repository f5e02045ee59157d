package io.mrk.internal.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The two secrets a password yields for one keystore file: the AES-256 key and the password
 * verifier. {@link #close()} wipes both.
 *
 * <p>Argon2id (RFC 9106) turns the UTF-8 password and the file's salt into 32 bytes; HKDF-SHA-256
 * (RFC 5869, extract with the default all-zero salt of section 2.2, then expand) turns those into the
 * two outputs under distinct labels. Labels rather than splitting a 64-byte Argon2 output: the
 * verifier is then a PRF output independent of the encryption key by construction, each output
 * names its purpose and format version, and a later output needs no change to the Argon2 tag length.
 */
final class KeystoreKeys implements AutoCloseable {

  static final int KEY_BYTES = 32;
  private static final int ARGON2_OUTPUT_BYTES = 32;
  private static final byte[] ENCRYPTION_KEY_LABEL = "MRK keystore v1 encryption key".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] VERIFIER_LABEL = "MRK keystore v1 password verifier".getBytes(StandardCharsets.US_ASCII);

  private final byte[] encryptionKey;
  private final byte[] verifier;

  private KeystoreKeys(byte[] encryptionKey, byte[] verifier) {
    this.encryptionKey = encryptionKey;
    this.verifier = verifier;
  }

  /**
   * Derives the keys of one file.
   *
   * @throws CharacterCodingException when the password holds an unpaired surrogate and so has no
   *     UTF-8 form; replacing it would let distinct passwords collide
   */
  static KeystoreKeys derive(char[] password, KdfParameters kdf, byte[] salt) throws CharacterCodingException {
    byte[] passwordBytes = utf8(password);
    byte[] master = new byte[ARGON2_OUTPUT_BYTES];
    try {
      argon2id(passwordBytes, kdf, salt, master);
      return new KeystoreKeys(hkdf(master, ENCRYPTION_KEY_LABEL), hkdf(master, VERIFIER_LABEL));
    } finally {
      Arrays.fill(passwordBytes, (byte) 0);
      Arrays.fill(master, (byte) 0);
    }
  }

  /** The AES-256 key; shared, not copied, and wiped by {@link #close()}. */
  byte[] encryptionKey() {
    return encryptionKey;
  }

  /** The password verifier stored in the header; shared, not copied, and wiped by {@link #close()}. */
  byte[] verifier() {
    return verifier;
  }

  @Override
  public void close() {
    Arrays.fill(encryptionKey, (byte) 0);
    Arrays.fill(verifier, (byte) 0);
  }

  private static void argon2id(byte[] password, KdfParameters kdf, byte[] salt, byte[] out) {
    Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(kdf.memoryKiB())
        .withIterations(kdf.iterations())
        .withParallelism(kdf.parallelism())
        .withSalt(salt)
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(parameters);
    generator.generateBytes(password, out);
  }

  private static byte[] hkdf(byte[] master, byte[] label) {
    HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
    generator.init(new HKDFParameters(master, null, label));
    byte[] out = new byte[KEY_BYTES];
    generator.generateBytes(out, 0, out.length);
    return out;
  }

  /**
   * Encodes the password as UTF-8 into an array the caller wipes. The buffer is sized for the worst
   * case up front so the encoder never leaves a copy behind in a discarded smaller buffer.
   */
  private static byte[] utf8(char[] password) throws CharacterCodingException {
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    byte[] buffer = new byte[password.length * (int) encoder.maxBytesPerChar()];
    try {
      ByteBuffer out = ByteBuffer.wrap(buffer);
      CoderResult result = encoder.encode(CharBuffer.wrap(password), out, true);
      if (result.isUnderflow()) {
        result = encoder.flush(out);
      }
      if (!result.isUnderflow()) {
        result.throwException();
      }
      return Arrays.copyOf(buffer, out.position());
    } finally {
      Arrays.fill(buffer, (byte) 0);
    }
  }
}
