package io.mrk;

import javax.crypto.SecretKey;

/**
 * A handle to a KMS key in one Region. It holds no key material the caller can reach, as in KMS:
 * {@link #getEncoded()} and {@link #getFormat()} return {@code null}, so the JCA routes it to the
 * {@code MRK} provider and never to a provider that would encrypt with raw bytes.
 *
 * <p>Handles of related multi-Region keys in different Regions decrypt each other's ciphertexts.
 */
public interface MrkKey extends SecretKey {

  /** The key ARN in this handle's Region, e.g. {@code arn:aws:kms:eu-west-1:111122223333:key/mrk-...}. */
  String keyArn();

  /** The Region this handle is bound to, e.g. {@code eu-west-1}. */
  String region();

  /** The key id, the same in every Region for a multi-Region key. */
  String keyId();

  /** Always {@code AES}. */
  @Override
  String getAlgorithm();

  /** Always {@code null}: the material never leaves the provider. */
  @Override
  String getFormat();

  /** Always {@code null}: the material never leaves the provider. */
  @Override
  byte[] getEncoded();
}
