package io.mrk.internal.store;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The layout of a version-1 sealed keystore: an 87-byte header, the AES-GCM ciphertext with its
 * tag, and a SHA-256 of everything before it. All integers are unsigned big-endian.
 *
 * <pre>
 * offset size field
 *      0    8 magic 89 4D 52 4B 4B 53 0D 0A ("\x89MRKKS\r\n")
 *      8    2 format version, 1
 *     10    1 KDF id (1 = Argon2id v0x13)
 *     11    4 KDF memory, KiB
 *     15    4 KDF iterations
 *     19    4 KDF parallelism
 *     23   16 KDF salt
 *     39   32 password verifier
 *     71   12 AES-GCM nonce
 *     83    4 payload length n
 *     87 n+16 AES-256-GCM ciphertext and 16-byte tag; the AAD is bytes 0..86
 *  103+n   32 SHA-256 of bytes 0..102+n
 * </pre>
 *
 * <p>{@link #readVerified} checks the framing in an order that keeps every answer cheap and
 * specific: magic, then version (so a newer format is named before anything else is parsed), then
 * the length, then the trailing digest (so accidental damage reads as a checksum mismatch), and only
 * then the KDF limits (which only a crafted file with a valid digest can exceed).
 */
record KeystoreHeader(KdfParameters kdf, byte[] salt, byte[] verifier, byte[] nonce, int payloadLength) {

  static final byte[] MAGIC = {(byte) 0x89, 'M', 'R', 'K', 'K', 'S', '\r', '\n'};
  static final int VERSION = 1;
  static final int SALT_BYTES = 16;
  static final int VERIFIER_BYTES = 32;
  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;
  static final int DIGEST_BYTES = 32;
  static final int BYTES = MAGIC.length + 2 + 1 + 4 + 4 + 4 + SALT_BYTES + VERIFIER_BYTES + NONCE_BYTES + 4;
  static final int OVERHEAD_BYTES = BYTES + TAG_BYTES + DIGEST_BYTES;
  static final int MAX_FILE_BYTES = 1 << 30;
  static final int MAX_PAYLOAD_BYTES = MAX_FILE_BYTES - OVERHEAD_BYTES;

  private static final int VERSION_OFFSET = MAGIC.length;

  KeystoreHeader {
    if (salt.length != SALT_BYTES || verifier.length != VERIFIER_BYTES || nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("salt, verifier or nonce has the wrong length");
    }
    if (payloadLength < 0 || payloadLength > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException("payload length " + payloadLength + " is outside 0.." + MAX_PAYLOAD_BYTES);
    }
  }

  /** The size of the whole sealed file for this header. */
  int fileLength() {
    return OVERHEAD_BYTES + payloadLength;
  }

  /** Writes the header into the first {@link #BYTES} bytes of {@code file}. */
  void writeTo(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file, 0, BYTES);
    b.put(MAGIC).putShort((short) VERSION).put((byte) kdf.algorithm().id())
        .putInt(kdf.memoryKiB()).putInt(kdf.iterations()).putInt(kdf.parallelism())
        .put(salt).put(verifier).put(nonce).putInt(payloadLength);
  }

  /** Computes the trailing digest over the bytes before it and writes it at the end of {@code file}. */
  static void writeDigest(byte[] file) {
    MessageDigest sha256 = sha256();
    sha256.update(file, 0, file.length - DIGEST_BYTES);
    byte[] digest = sha256.digest();
    System.arraycopy(digest, 0, file, file.length - DIGEST_BYTES, DIGEST_BYTES);
  }

  /** True when {@code firstBytes} starts with the MRK keystore magic. */
  static boolean hasMagic(byte[] firstBytes) {
    return firstBytes != null && firstBytes.length >= MAGIC.length
        && Arrays.equals(firstBytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  /** Checks the framing of a whole sealed file (see the class comment for the order) and decodes its header. */
  static KeystoreHeader readVerified(byte[] file) throws KeystoreFileException {
    if (file.length < MAGIC.length) {
      if (hasMagicPrefix(file)) {
        throw new CorruptKeystoreException("keystore is truncated: " + file.length + " bytes, too short for its header");
      }
      throw new CorruptKeystoreException("not an MRK keystore: the file is too short to hold the magic bytes");
    }
    if (!hasMagic(file)) {
      throw new CorruptKeystoreException("not an MRK keystore: the magic bytes are wrong");
    }
    if (file.length < VERSION_OFFSET + 2) {
      throw new CorruptKeystoreException("keystore is truncated: " + file.length + " bytes, too short for its header");
    }
    ByteBuffer b = ByteBuffer.wrap(file);
    int version = Short.toUnsignedInt(b.getShort(VERSION_OFFSET));
    if (version > VERSION) {
      throw new UnsupportedKeystoreVersionException(version, VERSION);
    }
    if (version != VERSION) {
      throw new CorruptKeystoreException("keystore format version " + version + " does not exist");
    }
    if (file.length > MAX_FILE_BYTES) {
      throw new CorruptKeystoreException("keystore of " + file.length + " bytes exceeds the limit of " + MAX_FILE_BYTES);
    }
    if (file.length < OVERHEAD_BYTES) {
      throw new CorruptKeystoreException("keystore is truncated: " + file.length + " bytes, but every keystore has at least "
          + OVERHEAD_BYTES);
    }
    long payloadLength = Integer.toUnsignedLong(b.getInt(BYTES - 4));
    if (payloadLength > file.length - OVERHEAD_BYTES) {
      throw new CorruptKeystoreException("keystore is truncated: its header announces " + payloadLength
          + " payload bytes but only " + (file.length - OVERHEAD_BYTES) + " are present");
    }
    if (payloadLength < file.length - OVERHEAD_BYTES) {
      throw new CorruptKeystoreException("keystore has " + (file.length - OVERHEAD_BYTES - payloadLength)
          + " unexpected bytes beyond the " + payloadLength + " payload bytes its header announces");
    }
    checkDigest(file);
    b.position(VERSION_OFFSET + 2);
    KdfParameters kdf = readKdf(b);
    byte[] salt = new byte[SALT_BYTES];
    byte[] verifier = new byte[VERIFIER_BYTES];
    byte[] nonce = new byte[NONCE_BYTES];
    b.get(salt).get(verifier).get(nonce);
    return new KeystoreHeader(kdf, salt, verifier, nonce, (int) payloadLength);
  }

  private static boolean hasMagicPrefix(byte[] file) {
    return Arrays.equals(file, 0, file.length, MAGIC, 0, file.length);
  }

  private static void checkDigest(byte[] file) throws CorruptKeystoreException {
    MessageDigest sha256 = sha256();
    sha256.update(file, 0, file.length - DIGEST_BYTES);
    byte[] expected = sha256.digest();
    byte[] actual = Arrays.copyOfRange(file, file.length - DIGEST_BYTES, file.length);
    if (!MessageDigest.isEqual(expected, actual)) {
      throw new CorruptKeystoreException("keystore is corrupted: its SHA-256 checksum does not match its content");
    }
  }

  private static KdfParameters readKdf(ByteBuffer b) throws CorruptKeystoreException {
    int id = Byte.toUnsignedInt(b.get());
    long memory = Integer.toUnsignedLong(b.getInt());
    long iterations = Integer.toUnsignedLong(b.getInt());
    long parallelism = Integer.toUnsignedLong(b.getInt());
    KdfAlgorithm algorithm = KdfAlgorithm.fromId(id);
    if (algorithm == null) {
      throw new CorruptKeystoreException("keystore names unknown KDF id " + id);
    }
    String problem = KdfParameters.rangeProblem(memory, iterations, parallelism);
    if (problem != null) {
      throw new CorruptKeystoreException("keystore refused: " + problem + "; a loader does not go beyond these limits");
    }
    return new KdfParameters(algorithm, (int) memory, (int) iterations, (int) parallelism);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
