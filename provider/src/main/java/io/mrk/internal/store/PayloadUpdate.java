package io.mrk.internal.store;

/**
 * The change {@link KeystoreFile#update} applies to a keystore's payload while it holds the lock.
 *
 * @param <E> the checked exception the change may throw; it reaches the caller of {@code update}
 *     unwrapped, and nothing is written
 */
@FunctionalInterface
public interface PayloadUpdate<E extends Exception> {

  /**
   * Returns the new payload, or null to leave the file as it is.
   *
   * @param current the payload now in the file, owned by the callee; null when there is no file yet
   */
  byte[] apply(byte[] current) throws E;
}
