package io.mrk.bench;

import java.security.GeneralSecurityException;

/**
 * One implementation's authenticated encryption as its users call it, one message per call.
 *
 * <p>{@link #encrypt} draws a fresh nonce for every message and returns everything {@link #decrypt}
 * needs besides the key and the associated data; instances are not shared between threads.
 */
public interface AeadUnderTest {

  /** Encrypts {@code plaintext} bound to {@code aad} under a fresh nonce. */
  byte[] encrypt(byte[] plaintext, byte[] aad) throws GeneralSecurityException;

  /** Verifies and decrypts a message made by {@link #encrypt} with the same {@code aad}. */
  byte[] decrypt(byte[] message, byte[] aad) throws GeneralSecurityException;
}
