package io.mrk.server;

import io.mrk.EncryptionContext;
import io.mrk.MrkCiphertext;
import io.mrk.MrkKey;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.MultiRegionKeyMatch;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;

/**
 * Encrypt, Decrypt, GenerateDataKey(WithoutPlaintext), ReEncrypt and GenerateRandom.
 *
 * <p>Every ciphertext blob is an MRK ciphertext made by the provider's {@code AES/GCM/NoPadding}
 * Cipher with the canonical encoding of the KMS encryption context ({@link EncryptionContext}) as
 * its AAD, so a blob decrypts in any Region that holds a related key, through this server or
 * through the JCA. Decrypt finds the key in the listener's Region from the blob's authenticated
 * header; a {@code KeyId}, when given, must name that key. Key policies and grants are evaluated
 * with the request's encryption context at {@code Cipher.init}.
 */
final class CryptoOperations {

  static final String SYMMETRIC_DEFAULT = "SYMMETRIC_DEFAULT";
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  /** AWS's text when the Region has no key related to the ciphertext's. */
  static final String NO_RELATED_KEY = "The ciphertext refers to a customer master key that does not exist,"
      + " does not exist in this region, or you are not allowed to access.";

  private CryptoOperations() {}

  static void register(Map<String, Operation> table) {
    table.put("Encrypt", CryptoOperations::encrypt);
    table.put("Decrypt", CryptoOperations::decrypt);
    table.put("GenerateDataKey", c -> generateDataKey(c, true));
    table.put("GenerateDataKeyWithoutPlaintext", c -> generateDataKey(c, false));
    table.put("ReEncrypt", CryptoOperations::reEncrypt);
    table.put("GenerateRandom", CryptoOperations::generateRandom);
  }

  private static Map<String, Object> encrypt(Call c) throws ServiceError, KmsException, IOException {
    Input in = c.input();
    checkCommon(in, "EncryptionAlgorithm");
    byte[] plaintext = in.blob("Plaintext");
    try {
      Map<String, String> context = in.stringMap("EncryptionContext");
      MrkKey key = c.reader().keyHandle(in.required("KeyId"), context);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("CiphertextBlob", base64(seal(c, key, context, plaintext, dryRun(in))));
      out.put("KeyId", key.keyArn());
      out.put("EncryptionAlgorithm", SYMMETRIC_DEFAULT);
      return out;
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  private static Map<String, Object> generateDataKey(Call c, boolean withPlaintext)
      throws ServiceError, KmsException, IOException {
    Input in = c.input();
    checkCommon(in, null);
    KeyOperations.unsupported(in, "Recipient");
    int size = dataKeySize(in);
    Map<String, String> context = in.stringMap("EncryptionContext");
    MrkKey key = c.reader().keyHandle(in.required("KeyId"), context);
    byte[] dataKey = new byte[size];
    c.random().nextBytes(dataKey);
    try {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("CiphertextBlob", base64(seal(c, key, context, dataKey, dryRun(in))));
      if (withPlaintext) {
        out.put("Plaintext", base64(dataKey));
      }
      out.put("KeyId", key.keyArn());
      return out;
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  private static Map<String, Object> decrypt(Call c) throws ServiceError, KmsException, IOException {
    Input in = c.input();
    checkCommon(in, "EncryptionAlgorithm");
    KeyOperations.unsupported(in, "Recipient");
    Map<String, String> context = in.stringMap("EncryptionContext");
    byte[] blob = in.blob("CiphertextBlob");
    Opened opened = open(c.reader(), c, blob, in.string("KeyId"), context, dryRun(in));
    try {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("KeyId", opened.key().keyArn());
      out.put("Plaintext", base64(opened.plaintext()));
      out.put("EncryptionAlgorithm", SYMMETRIC_DEFAULT);
      return out;
    } finally {
      Arrays.fill(opened.plaintext(), (byte) 0);
    }
  }

  private static Map<String, Object> reEncrypt(Call c) throws ServiceError, KmsException, IOException {
    Input in = c.input();
    checkCommon(in, "SourceEncryptionAlgorithm");
    checkAlgorithm(in, "DestinationEncryptionAlgorithm");
    KmsClient client = c.reader();
    Map<String, String> destinationContext = in.stringMap("DestinationEncryptionContext");
    if (dryRun(in)) {
      // Both halves are checked (source key, key state, policy; then the destination's) before the answer.
      decryptingCipher(client, c, in.blob("CiphertextBlob"), in.string("SourceKeyId"),
          in.stringMap("SourceEncryptionContext"));
      MrkKey destination = client.keyHandle(in.required("DestinationKeyId"), destinationContext);
      seal(c, destination, destinationContext, new byte[0], true);
    }
    Opened opened = open(client, c, in.blob("CiphertextBlob"), in.string("SourceKeyId"),
        in.stringMap("SourceEncryptionContext"), false);
    try {
      MrkKey destination = client.keyHandle(in.required("DestinationKeyId"), destinationContext);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("CiphertextBlob", base64(seal(c, destination, destinationContext, opened.plaintext(), false)));
      out.put("SourceKeyId", opened.key().keyArn());
      out.put("KeyId", destination.keyArn());
      out.put("SourceEncryptionAlgorithm", SYMMETRIC_DEFAULT);
      out.put("DestinationEncryptionAlgorithm", SYMMETRIC_DEFAULT);
      return out;
    } finally {
      Arrays.fill(opened.plaintext(), (byte) 0);
    }
  }

  private static Map<String, Object> generateRandom(Call c) throws ServiceError {
    Input in = c.input();
    KeyOperations.unsupported(in, "CustomKeyStoreId", "Recipient");
    Integer n = in.integer("NumberOfBytes");
    if (n == null) {
      throw ServiceError.validation("1 validation error detected: Value null at 'numberOfBytes' failed to"
          + " satisfy constraint: Member must not be null");
    }
    byte[] random = new byte[n];
    c.random().nextBytes(random);
    try {
      return Map.of("Plaintext", base64(random));
    } finally {
      Arrays.fill(random, (byte) 0);
    }
  }

  private record Opened(MrkKey key, byte[] plaintext) {}

  /** The key that may decrypt a ciphertext, and a cipher initialised with it and the context. */
  private record Decrypting(MrkKey key, Cipher cipher) {}

  /**
   * Decrypts {@code blob} with the key of this Region related to the one its header names; with
   * {@code dryRun}, stops with {@link ServiceError#dryRun} once the key, its state and the caller's
   * permission are checked, before anything is decrypted.
   */
  private static Opened open(KmsClient client, Call c, byte[] blob, String keyId, Map<String, String> context,
      boolean dryRun) throws KmsException, ServiceError {
    Decrypting d = decryptingCipher(client, c, blob, keyId, context);
    if (dryRun) {
      throw ServiceError.dryRun();
    }
    try {
      return new Opened(d.key(), d.cipher().doFinal(blob));
    } catch (AEADBadTagException e) {
      throw new KmsException(KmsError.INVALID_CIPHERTEXT, "The ciphertext or its encryption context is not"
          + " the one the key protected.");
    } catch (GeneralSecurityException e) {
      throw toKms(e, KmsError.INVALID_CIPHERTEXT);
    }
  }

  /**
   * Every check a decryption makes before it decrypts: the header names an MRK ciphertext, the key
   * (given, or the header's) is this Region's related key, and the caller may use it in its state.
   */
  private static Decrypting decryptingCipher(KmsClient client, Call c, byte[] blob, String keyId,
      Map<String, String> context) throws KmsException {
    MrkCiphertext header;
    try {
      header = MrkCiphertext.parseHeader(blob);
    } catch (GeneralSecurityException e) {
      throw new KmsException(KmsError.INVALID_CIPHERTEXT, "The ciphertext is not an MRK ciphertext.");
    }
    MrkKey key;
    if (keyId != null) {
      key = client.keyHandle(keyId, context);
      if (!MultiRegionKeyMatch.sameKeyForDecrypt(header.keyArn(), key.keyArn())) {
        throw new KmsException(KmsError.INCORRECT_KEY, "The key ID in the request does not identify a KMS key"
            + " that can decrypt the ciphertext.");
      }
    } else {
      try {
        key = client.keyHandle(header.keyId(), context);
      } catch (KmsException e) {
        if (e.error() == KmsError.NOT_FOUND) {
          throw new KmsException(KmsError.ACCESS_DENIED, NO_RELATED_KEY);
        }
        throw e;
      }
      if (!MultiRegionKeyMatch.sameKeyForDecrypt(header.keyArn(), key.keyArn())) {
        throw new KmsException(KmsError.ACCESS_DENIED, NO_RELATED_KEY);
      }
    }
    try {
      return new Decrypting(key, init(c, Cipher.DECRYPT_MODE, key, context));
    } catch (GeneralSecurityException e) {
      throw toKms(e, KmsError.INVALID_CIPHERTEXT);
    }
  }

  /** Encrypts under {@code key}; with {@code dryRun}, stops with {@link ServiceError#dryRun} once the cipher is initialised (key state checked). */
  private static byte[] seal(Call c, MrkKey key, Map<String, String> context, byte[] plaintext, boolean dryRun)
      throws KmsException, ServiceError {
    try {
      Cipher cipher = init(c, Cipher.ENCRYPT_MODE, key, context);
      if (dryRun) {
        throw ServiceError.dryRun();
      }
      return cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw toKms(e, KmsError.INVALID_STATE);
    }
  }

  private static Cipher init(Call c, int mode, MrkKey key, Map<String, String> context)
      throws GeneralSecurityException, KmsException {
    byte[] aad;
    try {
      aad = EncryptionContext.encode(context);
    } catch (IllegalArgumentException e) {
      throw new KmsException(KmsError.VALIDATION, e.getMessage());
    }
    Cipher cipher = Cipher.getInstance(TRANSFORMATION, c.provider());
    try {
      cipher.init(mode, key);
    } catch (GeneralSecurityException e) {
      throw toKms(e, KmsError.INVALID_STATE);
    }
    if (aad.length > 0) {
      cipher.updateAAD(aad);
    }
    return cipher;
  }

  /** The KMS error a provider exception names in its message ({@code DisabledException: ...}), else {@code fallback}. */
  static KmsException toKms(GeneralSecurityException e, KmsError fallback) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    for (KmsError error : KmsError.values()) {
      String prefix = error.kmsName() + ": ";
      if (message.startsWith(prefix)) {
        return new KmsException(error, message.substring(prefix.length()));
      }
    }
    return new KmsException(fallback, message);
  }

  private static int dataKeySize(Input in) throws ServiceError {
    String spec = in.string("KeySpec");
    Integer bytes = in.integer("NumberOfBytes");
    if ((spec == null) == (bytes == null)) {
      throw ServiceError.validation("Please specify either number of bytes or key spec.");
    }
    return bytes != null ? bytes : "AES_128".equals(spec) ? 16 : 32;
  }

  private static boolean dryRun(Input in) throws ServiceError {
    return Boolean.TRUE.equals(in.bool("DryRun"));
  }

  private static void checkCommon(Input in, String algorithmMember) throws ServiceError {
    if (algorithmMember != null) {
      checkAlgorithm(in, algorithmMember);
    }
  }

  private static void checkAlgorithm(Input in, String member) throws ServiceError {
    String algorithm = in.string(member);
    if (algorithm != null && !SYMMETRIC_DEFAULT.equals(algorithm)) {
      throw ServiceError.client("InvalidKeyUsageException", "MRK keys are symmetric encryption keys; "
          + member + " must be " + SYMMETRIC_DEFAULT + ".");
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
