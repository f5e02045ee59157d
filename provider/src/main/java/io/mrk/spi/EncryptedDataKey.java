package io.mrk.spi;

import java.util.Arrays;

/**
 * One encrypted copy of a suite 2 data key, as the AWS Encryption SDK carries it
 * (spec/ciphertext-suite-2.md, section 1): who can decrypt it ({@code providerId}, e.g.
 * {@code aws-kms}), which key ({@code providerInfo}, a key ARN for KMS) and the ciphertext blob.
 * Nothing here is secret.
 */
public record EncryptedDataKey(String providerId, String providerInfo, byte[] ciphertext) {

  /** The provider id of AWS KMS, as the AWS Encryption SDK writes it. */
  public static final String AWS_KMS = "aws-kms";

  public EncryptedDataKey {
    if (providerId == null || providerInfo == null || ciphertext == null) {
      throw new IllegalArgumentException("an encrypted data key needs a provider id, provider info and a blob");
    }
    ciphertext = ciphertext.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncryptedDataKey e && providerId.equals(e.providerId)
        && providerInfo.equals(e.providerInfo) && Arrays.equals(ciphertext, e.ciphertext);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * providerId.hashCode() + providerInfo.hashCode()) + Arrays.hashCode(ciphertext);
  }

  @Override
  public String toString() {
    return "EncryptedDataKey[" + providerId + ", " + providerInfo + ", " + ciphertext.length + " bytes]";
  }
}
