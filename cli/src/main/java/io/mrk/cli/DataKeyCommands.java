package io.mrk.cli;

import io.mrk.MrkKey;
import io.mrk.kms.KmsClient;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * generate-data-key, generate-data-key-without-plaintext, re-encrypt and generate-random, built on
 * the public API only: a data key is fresh random bytes sealed by the MRK Cipher with the encryption
 * context as AAD, so its CiphertextBlob is an ordinary MRK ciphertext that {@code decrypt} (or the
 * JCA Cipher) opens in any Region holding a related key.
 */
final class DataKeyCommands {

  /** NumberOfBytesType: 1 to 1024. */
  static final int MAX_RANDOM_BYTES = 1024;

  private DataKeyCommands() {}

  /** The data key length of {@code --key-spec} or {@code --number-of-bytes}; exactly one must be given. */
  static int dataKeyBytes(String keySpec, Integer numberOfBytes) throws KmsException {
    if ((keySpec == null) == (numberOfBytes == null)) {
      throw new KmsException(KmsError.VALIDATION, "Specify either KeySpec or NumberOfBytes, but not both.");
    }
    if (numberOfBytes != null) {
      return checkedBytes(numberOfBytes);
    }
    return switch (keySpec) {
      case "AES_256" -> 32;
      case "AES_128" -> 16;
      default -> throw new KmsException(KmsError.VALIDATION, "1 validation error detected: Value '" + keySpec
          + "' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]");
    };
  }

  static int checkedBytes(int n) throws KmsException {
    if (n < 1 || n > MAX_RANDOM_BYTES) {
      throw new KmsException(KmsError.VALIDATION, "1 validation error detected: Value '" + n + "' at 'numberOfBytes'"
          + " failed to satisfy constraint: Member must have value between 1 and " + MAX_RANDOM_BYTES);
    }
    return n;
  }

  /** The shared part of both GenerateDataKey commands. */
  abstract static class DataKeyCommand extends KmsCommand.Reading {
    @Option(names = "--key-id", required = true, paramLabel = "KEY")
    String keyId;
    @Option(names = "--key-spec", paramLabel = "AES_256|AES_128",
        description = "The data key's length: AES_256 (32 bytes) or AES_128 (16 bytes); or give --number-of-bytes.")
    String keySpec;
    @Option(names = "--number-of-bytes", paramLabel = "N")
    Integer numberOfBytes;
    @Mixin
    EncryptionContextOption encryptionContext;
    @Mixin
    RequestOptions request;

    private Map<String, String> context;
    private int length;

    abstract boolean withPlaintext();

    @Override
    void prepare() throws ParamError, KmsException {
      context = encryptionContext.parse();
      length = dataKeyBytes(keySpec, numberOfBytes);
      request.check();
    }

    @Override
    Object read(KmsClient client) throws Exception {
      MrkKey key = CryptoCommands.keyHandle(client, keyId, context);
      byte[] dataKey = new byte[length];
      new SecureRandom().nextBytes(dataKey);
      try {
        byte[] blob = CryptoCommands.seal(key, context, dataKey, request.dryRun);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("CiphertextBlob", CryptoCommands.base64(blob));
        if (withPlaintext()) {
          out.put("Plaintext", CryptoCommands.base64(dataKey));
        }
        out.put("KeyId", key.keyArn());
        return out;
      } finally {
        Arrays.fill(dataKey, (byte) 0);
      }
    }
  }

  @Command(name = "generate-data-key",
      description = "Returns a fresh data key in plaintext and encrypted under a key of this Region.")
  static final class GenerateDataKey extends DataKeyCommand {
    @Override
    String operation() {
      return "GenerateDataKey";
    }

    @Override
    boolean withPlaintext() {
      return true;
    }
  }

  @Command(name = "generate-data-key-without-plaintext",
      description = "Returns a fresh data key encrypted under a key of this Region, and not its plaintext.")
  static final class GenerateDataKeyWithoutPlaintext extends DataKeyCommand {
    @Override
    String operation() {
      return "GenerateDataKeyWithoutPlaintext";
    }

    @Override
    boolean withPlaintext() {
      return false;
    }
  }

  @Command(name = "re-encrypt",
      description = "Decrypts a ciphertext and encrypts its plaintext under another key (or context), in this Region.")
  static final class ReEncrypt extends KmsCommand.Reading {
    @Option(names = "--ciphertext-blob", required = true, paramLabel = "fileb://FILE|BASE64")
    String ciphertextBlob;
    @Option(names = "--source-key-id", paramLabel = "KEY",
        description = "The key that must have encrypted the ciphertext (default: the one the ciphertext names).")
    String sourceKeyId;
    @Option(names = "--destination-key-id", required = true, paramLabel = "KEY",
        description = "The key to encrypt under: key id, key ARN, alias name or alias ARN, in this Region.")
    String destinationKeyId;
    @Option(names = "--source-encryption-context", arity = "1..*", paramLabel = "k=v,...|JSON",
        description = "The encryption context the ciphertext was made with.")
    java.util.List<String> sourceContext = new java.util.ArrayList<>();
    @Option(names = "--destination-encryption-context", arity = "1..*", paramLabel = "k=v,...|JSON",
        description = "The encryption context of the new ciphertext.")
    java.util.List<String> destinationContext = new java.util.ArrayList<>();
    @Option(names = "--source-encryption-algorithm", paramLabel = "ALGORITHM",
        description = "SYMMETRIC_DEFAULT, the only algorithm of a symmetric key.")
    String sourceAlgorithm;
    @Option(names = "--destination-encryption-algorithm", paramLabel = "ALGORITHM",
        description = "SYMMETRIC_DEFAULT, the only algorithm of a symmetric key.")
    String destinationAlgorithm;
    @Mixin
    RequestOptions request;

    private byte[] blob;
    private Map<String, String> source;
    private Map<String, String> destination;

    @Override
    String operation() {
      return "ReEncrypt";
    }

    @Override
    void prepare() throws ParamError, KmsException {
      blob = Shorthand.blob("--ciphertext-blob", ciphertextBlob, CryptoCommands.MAX_CIPHERTEXT_BYTES);
      source = Shorthand.encryptionContext("--source-encryption-context", sourceContext);
      destination = Shorthand.encryptionContext("--destination-encryption-context", destinationContext);
      request.check();
      RequestOptions.checkAlgorithm("sourceEncryptionAlgorithm", sourceAlgorithm);
      RequestOptions.checkAlgorithm("destinationEncryptionAlgorithm", destinationAlgorithm);
    }

    @Override
    Object read(KmsClient client) throws Exception {
      MrkKey target = CryptoCommands.keyHandle(client, destinationKeyId, destination);
      CryptoCommands.Opened opened = CryptoCommands.open(client, blob, sourceKeyId, source, false);
      try {
        byte[] sealed = CryptoCommands.seal(target, destination, opened.plaintext(), request.dryRun);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("CiphertextBlob", CryptoCommands.base64(sealed));
        out.put("SourceKeyId", opened.key().keyArn());
        out.put("KeyId", target.keyArn());
        out.put("SourceEncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        out.put("DestinationEncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        return out;
      } finally {
        Arrays.fill(opened.plaintext(), (byte) 0);
      }
    }
  }

  @Command(name = "generate-random", description = "Returns random bytes from the JDK's SecureRandom (no key, no keystore).")
  static final class GenerateRandom extends KmsCommand {
    @Option(names = "--number-of-bytes", required = true, paramLabel = "N")
    Integer numberOfBytes;

    @Override
    String operation() {
      return "GenerateRandom";
    }

    @Override
    void prepare() throws KmsException {
      checkedBytes(numberOfBytes);
    }

    @Override
    Object runWith(Mrk root, io.mrk.kms.Region region, java.nio.file.Path file) {
      byte[] random = new byte[numberOfBytes];
      new SecureRandom().nextBytes(random);
      try {
        return Map.of("Plaintext", CryptoCommands.base64(random));
      } finally {
        Arrays.fill(random, (byte) 0);
      }
    }
  }
}
