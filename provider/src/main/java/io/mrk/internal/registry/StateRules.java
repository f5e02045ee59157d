package io.mrk.internal.registry;

import io.mrk.kms.KeyState;
import io.mrk.kms.KmsError;
import io.mrk.kms.KmsException;

/**
 * Which key states allow which operations, with the errors KMS gives: a disabled key is
 * {@code DisabledException} ("&lt;arn&gt; is disabled."), any other unusable state is
 * {@code KMSInvalidStateException} naming the state.
 */
final class StateRules {

  private StateRules() {}

  /** Crypto: {@code Enabled} and {@code Updating} keys may encrypt and decrypt. */
  static void requireUsableForCrypto(KeyState state, String arn) throws KmsException {
    if (state != KeyState.ENABLED && state != KeyState.UPDATING) {
      throw refusal(state, arn);
    }
  }

  /** ReplicateKey, UpdatePrimaryRegion, rotation settings, CreateGrant: only {@code Enabled}. */
  static void requireEnabled(KeyState state, String arn) throws KmsException {
    if (state != KeyState.ENABLED) {
      throw refusal(state, arn);
    }
  }

  /** Enable, disable and schedule deletion: refused while {@code Creating}, {@code Updating} or pending. */
  static void requireSettled(KeyState state, String arn) throws KmsException {
    if (state != KeyState.ENABLED && state != KeyState.DISABLED) {
      throw invalidState(state, arn);
    }
  }

  /** Tags, description, policy, aliases: refused while pending deletion, as KMS does. */
  static void requireNotPendingDeletion(KeyState state, String arn) throws KmsException {
    if (state == KeyState.PENDING_DELETION || state == KeyState.PENDING_REPLICA_DELETION) {
      throw invalidState(state, arn);
    }
  }

  static KmsException refusal(KeyState state, String arn) {
    if (state == KeyState.DISABLED) {
      return new KmsException(KmsError.DISABLED, arn + " is disabled.");
    }
    return invalidState(state, arn);
  }

  static KmsException invalidState(KeyState state, String arn) {
    return new KmsException(KmsError.INVALID_STATE, arn + " is in state " + state.kmsName() + ".");
  }
}
