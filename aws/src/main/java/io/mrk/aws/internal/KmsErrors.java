package io.mrk.aws.internal;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import javax.crypto.BadPaddingException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns the SDK's unchecked exceptions into the checked JCA ones with a message that keeps the KMS
 * error's name first ({@code DisabledException: ...}) and the SDK exception as the cause. A refusal
 * (KMS answered) and a network failure (KMS could not be reached or did not answer) read differently:
 * the first starts with the KMS error code, the second with {@value #UNREACHABLE} (an I/O failure
 * among the causes), and their causes are an {@link AwsServiceException} and an
 * {@code SdkClientException} respectively. Any other client failure (no credentials found) starts
 * with {@value #CLIENT_FAILURE}.
 */
final class KmsErrors {

  /** The first words of every network failure's message. */
  static final String UNREACHABLE = "KMS unreachable";
  /** The first words of a client-side failure that is not the network's (no credentials, a bad setting). */
  static final String CLIENT_FAILURE = "KMS client failure";

  private KmsErrors() {}

  /** {@code ErrorCode: message}, or the network failure, for {@code e} in {@code region}. */
  static String describe(SdkException e, String region) {
    if (e instanceof AwsServiceException s) {
      String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
      String message = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorMessage();
      if (code == null || code.isBlank()) {
        code = "HTTP " + s.statusCode();
      }
      return code + ": " + (message == null ? s.getMessage() : message) + " (KMS in " + region + ")";
    }
    return (isNetwork(e) ? UNREACHABLE : CLIENT_FAILURE) + " in " + region + ": " + e.getMessage();
  }

  /**
   * Whether {@code e} failed on the network: an I/O cause (no connection, a socket timeout, an unknown
   * host) or one of the SDK's call timeouts.
   */
  static boolean isNetwork(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException || t instanceof ApiCallTimeoutException
          || t instanceof ApiCallAttemptTimeoutException) {
        return true;
      }
    }
    return false;
  }

  static InvalidKeyException invalidKey(SdkException e, String region) {
    return withCause(new InvalidKeyException(describe(e, region)), e);
  }

  static BadPaddingException badPadding(SdkException e, String region) {
    return withCause(new BadPaddingException(describe(e, region)), e);
  }

  static UnrecoverableKeyException unrecoverable(SdkException e, String region) {
    return withCause(new UnrecoverableKeyException(describe(e, region)), e);
  }

  static KeyStoreException keyStore(String what, SdkException e, String region) {
    return new KeyStoreException(what + ": " + describe(e, region), e);
  }

  private static <T extends GeneralSecurityException> T withCause(T t, Throwable cause) {
    t.initCause(cause);
    return t;
  }
}
