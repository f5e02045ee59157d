package io.mrk.cli;

import io.mrk.EncryptionContext;
import io.mrk.MrkCiphertext;
import io.mrk.MrkKey;
import io.mrk.MrkProvider;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.MultiRegionKeyMatch;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * encrypt and decrypt, through the JCA {@code Cipher} exactly as an application would use it: the
 * CLI's CiphertextBlob is the Cipher's output, so either side decrypts the other's.
 */
final class CryptoCommands {

  /** KMS Encrypt takes at most 4 KiB of plaintext; encrypt-file streams anything larger. */
  static final int MAX_PLAINTEXT_BYTES = 4096;
  /** KMS's CiphertextType bound; an MRK ciphertext of 4 KiB with the longest ARN fits. */
  static final int MAX_CIPHERTEXT_BYTES = 6144 + 2048;
  static final String TRANSFORMATION = "AES/GCM/NoPadding";
  /**
   * The provider the commands' ciphers come from, by instance: a lookup by name ("MRK") walks and
   * loads every provider the JDK lists before the last one, about 25 ms of a command (JFR samples).
   * An immutable service table; the keys carry their registries.
   */
  private static final Provider MRK = new MrkProvider();

  private CryptoCommands() {}

  static Cipher cipher(int mode, MrkKey key, Map<String, String> context) throws KmsException {
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION, MRK);
      cipher.init(mode, key);
      byte[] aad = EncryptionContext.encode(context);
      if (aad.length > 0) {
        cipher.updateAAD(aad);
      }
      return cipher;
    } catch (GeneralSecurityException e) {
      throw JcaErrors.toKms(e, KmsError.INVALID_STATE);
    }
  }

  /**
   * A handle of {@code keyId} bound to {@code context}: the Region's key policy and grants are
   * evaluated with the encryption context the command will use, which the cipher alone does not
   * know at init, so policies and grant constraints on {@code kms:EncryptionContext:*} apply exactly.
   */
  static MrkKey keyHandle(KmsClient client, String keyId, Map<String, String> context) throws KmsException {
    return client.keyHandle(keyId, context);
  }

  /** The key that may decrypt {@code header}'s ciphertext in this Region, checked against {@code keyId} when given. */
  static MrkKey decryptionKey(KmsClient client, MrkCiphertext header, String keyId, Map<String, String> context)
      throws KmsException {
    MrkKey key = keyHandle(client, keyId != null ? keyId : header.keyId(), context);
    if (!MultiRegionKeyMatch.sameKeyForDecrypt(header.keyArn(), key.keyArn())) {
      throw new KmsException(KmsError.INCORRECT_KEY, "The key ID in the request does not identify a KMS key"
          + " that can decrypt the ciphertext (ciphertext key: " + header.keyArn() + ").");
    }
    return key;
  }

  /** Encrypts {@code data} with {@code key} under {@code context}, or stops after init for a dry run. */
  static byte[] seal(MrkKey key, Map<String, String> context, byte[] data, boolean dryRun)
      throws KmsException, GeneralSecurityException, RequestOptions.DryRunSucceeded {
    Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, context);
    if (dryRun) {
      throw new RequestOptions.DryRunSucceeded();
    }
    return cipher.doFinal(data);
  }

  /** The plaintext of {@code blob} under {@code context}, with the key of this Region that may decrypt it. */
  static Opened open(KmsClient client, byte[] blob, String keyId, Map<String, String> context, boolean dryRun)
      throws KmsException, RequestOptions.DryRunSucceeded {
    MrkCiphertext header;
    try {
      header = MrkCiphertext.parseHeader(blob);
    } catch (GeneralSecurityException e) {
      throw new KmsException(KmsError.INVALID_CIPHERTEXT, e.getMessage());
    }
    MrkKey key = decryptionKey(client, header, keyId, context);
    Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, context);
    if (dryRun) {
      throw new RequestOptions.DryRunSucceeded();
    }
    try {
      return new Opened(key, cipher.doFinal(blob));
    } catch (GeneralSecurityException e) {
      throw JcaErrors.toKms(e, KmsError.INVALID_CIPHERTEXT);
    }
  }

  /** A decrypted blob and the key that decrypted it. */
  record Opened(MrkKey key, byte[] plaintext) {}

  static String base64(byte[] data) {
    return Base64.getEncoder().encodeToString(data);
  }

  @Command(name = "encrypt", description = "Encrypts up to 4 KiB with a key of this Region.")
  static final class Encrypt extends KmsCommand.Reading {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;
    @Option(names = "--plaintext", required = true, paramLabel = "fileb://FILE|BASE64")
    String plaintext;
    @Option(names = "--encryption-algorithm", paramLabel = "ALGORITHM")
    String encryptionAlgorithm;
    @Mixin
    EncryptionContextOption encryptionContext;
    @Mixin
    RequestOptions request;

    private byte[] data;
    private Map<String, String> context;

    @Override
    String operation() {
      return "Encrypt";
    }

    @Override
    void prepare() throws ParamError, KmsException {
      data = Shorthand.blob("--plaintext", plaintext, MAX_PLAINTEXT_BYTES);
      if (data.length == 0) {
        throw new KmsException(KmsError.VALIDATION, "1 validation error detected: Value at 'plaintext' failed to"
            + " satisfy constraint: Member must have length greater than or equal to 1");
      }
      context = encryptionContext.parse();
      request.check();
      RequestOptions.checkAlgorithm("encryptionAlgorithm", encryptionAlgorithm);
    }

    @Override
    Object read(KmsClient client) throws Exception {
      try {
        MrkKey key = keyHandle(client, keyId, context);
        byte[] blob = seal(key, context, data, request.dryRun);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("CiphertextBlob", base64(blob));
        out.put("KeyId", key.keyArn());
        out.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        return out;
      } finally {
        java.util.Arrays.fill(data, (byte) 0);
      }
    }
  }

  @Command(name = "decrypt", description = "Decrypts with the related key of this Region.")
  static final class Decrypt extends KmsCommand.Reading {
    @Option(names = "--ciphertext-blob", required = true, paramLabel = "fileb://FILE|BASE64")
    String ciphertextBlob;
    @Option(names = "--key-id", paramLabel = "KEY")
    String keyId;
    @Option(names = "--encryption-algorithm", paramLabel = "ALGORITHM")
    String encryptionAlgorithm;
    @Mixin
    EncryptionContextOption encryptionContext;
    @Mixin
    RequestOptions request;

    private byte[] blob;
    private Map<String, String> context;

    @Override
    String operation() {
      return "Decrypt";
    }

    @Override
    void prepare() throws ParamError, KmsException {
      blob = Shorthand.blob("--ciphertext-blob", ciphertextBlob, MAX_CIPHERTEXT_BYTES);
      context = encryptionContext.parse();
      request.check();
      RequestOptions.checkAlgorithm("encryptionAlgorithm", encryptionAlgorithm);
    }

    @Override
    Object read(KmsClient client) throws Exception {
      Opened opened = open(client, blob, keyId, context, request.dryRun);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("KeyId", opened.key().keyArn());
      out.put("Plaintext", base64(opened.plaintext()));
      out.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
      java.util.Arrays.fill(opened.plaintext(), (byte) 0);
      return out;
    }
  }
}
