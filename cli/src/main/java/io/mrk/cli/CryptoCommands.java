package io.mrk.cli;

import io.mrk.EncryptionContext;
import io.mrk.MrkCiphertext;
import io.mrk.MrkKey;
import io.mrk.internal.registry.RegistryAccess;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import io.mrk.kms.MultiRegionKeyMatch;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
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
  static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private CryptoCommands() {}

  static Cipher cipher(int mode, MrkKey key, Map<String, String> context) throws KmsException {
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION, "MRK");
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
    return RegistryAccess.keyHandle(client, keyId, context);
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

  @Command(name = "encrypt", description = "Encrypts up to 4 KiB with a key of this Region.")
  static final class Encrypt extends KmsCommand.Reading {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;
    @Option(names = "--plaintext", required = true, paramLabel = "fileb://FILE")
    String plaintext;
    @Mixin
    EncryptionContextOption encryptionContext;

    @Override
    String operation() {
      return "Encrypt";
    }

    @Override
    Object read(KmsClient client) throws Exception {
      byte[] data = Shorthand.blob(plaintext);
      if (data.length == 0 || data.length > MAX_PLAINTEXT_BYTES) {
        throw new KmsException(KmsError.VALIDATION, "Plaintext must be 1 to " + MAX_PLAINTEXT_BYTES
            + " bytes; use encrypt-file for larger data.");
      }
      Map<String, String> context = encryptionContext.map();
      MrkKey key = keyHandle(client, keyId, context);
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, context);
      byte[] blob = cipher.doFinal(data);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("CiphertextBlob", Base64.getEncoder().encodeToString(blob));
      out.put("KeyId", key.keyArn());
      out.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
      return out;
    }
  }

  @Command(name = "decrypt", description = "Decrypts with the related key of this Region.")
  static final class Decrypt extends KmsCommand.Reading {
    @Option(names = "--ciphertext-blob", required = true, paramLabel = "fileb://FILE")
    String ciphertextBlob;
    @Option(names = "--key-id", paramLabel = "KEY")
    String keyId;
    @Mixin
    EncryptionContextOption encryptionContext;

    @Override
    String operation() {
      return "Decrypt";
    }

    @Override
    Object read(KmsClient client) throws Exception {
      byte[] blob = Shorthand.blob(ciphertextBlob);
      MrkCiphertext header;
      try {
        header = MrkCiphertext.parseHeader(blob);
      } catch (GeneralSecurityException e) {
        throw new KmsException(KmsError.INVALID_CIPHERTEXT, e.getMessage());
      }
      Map<String, String> context = encryptionContext.map();
      MrkKey key = decryptionKey(client, header, keyId, context);
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, context);
      byte[] data;
      try {
        data = cipher.doFinal(blob);
      } catch (AEADBadTagException e) {
        throw JcaErrors.toKms(e, KmsError.INVALID_CIPHERTEXT);
      } catch (GeneralSecurityException e) {
        throw JcaErrors.toKms(e, KmsError.INVALID_CIPHERTEXT);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("KeyId", key.keyArn());
      out.put("Plaintext", Base64.getEncoder().encodeToString(data));
      out.put("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
      return out;
    }
  }
}
