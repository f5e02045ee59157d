package io.mrk.cli;

import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;
import java.security.GeneralSecurityException;

/**
 * Reads the KMS error back out of a JCA exception from the MRK provider, whose messages start
 * with the KMS error name ({@code DisabledException: arn:... is disabled.}).
 */
final class JcaErrors {

  private JcaErrors() {}

  /** The KMS error the exception names, else {@code fallback} with the exception's message. */
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
}
