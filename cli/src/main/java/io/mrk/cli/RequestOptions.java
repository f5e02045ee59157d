package io.mrk.cli;

import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** {@code --grant-tokens} and {@code --dry-run}, shared by the cryptographic operations. */
final class RequestOptions {

  /** GrantTokenList: at most 10 tokens of 1 to 8192 characters. */
  static final int MAX_GRANT_TOKENS = 10;
  static final int MAX_GRANT_TOKEN_CHARS = 8192;
  /** EncryptionAlgorithmSpec's values; only SYMMETRIC_DEFAULT applies to a symmetric key. */
  static final Set<String> ALGORITHMS = Set.of("SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE");

  @Option(names = "--grant-tokens", arity = "1..*", paramLabel = "TOKEN")
  List<String> grantTokens = new ArrayList<>();

  @Option(names = "--dry-run")
  boolean dryRun;

  /** Checks the tokens as KMS validates GrantTokenList; MRK grants are effective at once, so they are not needed. */
  void check() throws KmsException {
    if (grantTokens.size() > MAX_GRANT_TOKENS) {
      throw new KmsException(KmsError.VALIDATION, "1 validation error detected: Value at 'grantTokens' failed to"
          + " satisfy constraint: Member must have length less than or equal to " + MAX_GRANT_TOKENS);
    }
    for (String t : grantTokens) {
      if (t.isEmpty() || t.length() > MAX_GRANT_TOKEN_CHARS) {
        throw new KmsException(KmsError.VALIDATION, "1 validation error detected: Value at 'grantTokens' failed to"
            + " satisfy constraint: Member must have length between 1 and " + MAX_GRANT_TOKEN_CHARS);
      }
    }
  }

  /** Checks an {@code --encryption-algorithm}-like value: null or SYMMETRIC_DEFAULT. */
  static void checkAlgorithm(String member, String value) throws KmsException {
    if (value == null || value.equals("SYMMETRIC_DEFAULT")) {
      return;
    }
    if (!ALGORITHMS.contains(value)) {
      throw new KmsException(KmsError.VALIDATION, "1 validation error detected: Value '" + value + "' at '" + member
          + "' failed to satisfy constraint: Member must satisfy enum value set: [SYMMETRIC_DEFAULT, RSAES_OAEP_SHA_1,"
          + " RSAES_OAEP_SHA_256, SM2PKE]");
    }
    throw new KmsException(KmsError.INVALID_KEY_USAGE, "The " + value + " algorithm is not valid for a symmetric"
        + " encryption KMS key; use SYMMETRIC_DEFAULT.");
  }

  /** A request that would have succeeded, stopped because {@code --dry-run} was given. */
  static final class DryRunSucceeded extends Exception {
    private static final long serialVersionUID = 1L;

    DryRunSucceeded() {
      super("The request would have succeeded, but the DryRun option is set.");
    }
  }
}
