package io.mrk.spi;

import io.mrk.MrkKey;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Map;
import javax.crypto.BadPaddingException;

/**
 * A key handle whose messages are suite 2 KMS envelopes (spec/ciphertext-suite-2.md): the provider
 * writes and reads the format, the key's owner (the AWS KMS backend) supplies and recovers data keys
 * and decides how long one data key may serve.
 */
public interface EnvelopeKey extends MrkKey {

  /**
   * The session the next message under {@code context} is encrypted in, with one message counted
   * against it: a cached one while it is within its limits, otherwise one that {@code maker} builds
   * from a fresh data key (KMS {@code GenerateDataKey} in this handle's Region).
   *
   * @throws InvalidKeyException naming the KMS error (its cause the client's exception) or the
   *     network failure; no data key is cached for a failed call
   */
  <S extends Session> S sessionForMessage(Map<String, String> context, SessionMaker<S> maker)
      throws InvalidKeyException;

  /**
   * The 32-byte plaintext data key of {@code edk}, whose ARN the caller matched to this handle with
   * the MRK-aware rule: KMS {@code Decrypt} with {@code KeyId} = this handle's ARN in this handle's
   * Region, the response's {@code KeyId} and the key's length checked. The caller wipes the result.
   *
   * @throws BadPaddingException whose message starts with the KMS error name, its cause the client's
   *     exception, or naming the network failure
   */
  byte[] decryptDataKey(EncryptedDataKey edk, Map<String, String> context) throws BadPaddingException;

  /** A data key's derived state, opaque to the key's owner. */
  interface Session {

    /** Whether a new message may start in this session (the provider's own limits: bytes, chunks). */
    boolean acceptsNewMessage();
  }

  /** Builds a session from a fresh plaintext data key; the maker wipes nothing it was not given. */
  @FunctionalInterface
  interface SessionMaker<S extends Session> {

    /**
     * @param dataKey the 32-byte plaintext data key; the caller wipes it after this returns
     * @param edk the data key encrypted under this handle's key, as KMS returned it
     * @param maxBytes the plaintext bytes after which the session accepts no new message
     */
    S make(byte[] dataKey, EncryptedDataKey edk, long maxBytes) throws GeneralSecurityException;
  }
}
