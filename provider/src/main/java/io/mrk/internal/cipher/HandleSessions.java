package io.mrk.internal.cipher;

import io.mrk.MrkKey;
import io.mrk.internal.key.KeyHandles;
import io.mrk.internal.key.KeyMaterial;
import io.mrk.internal.key.KeyMaterialSource;
import io.mrk.internal.key.SecretAccess;
import io.mrk.internal.key.SessionCaches;
import io.mrk.kms.Arn;
import io.mrk.kms.KmsException;
import java.lang.invoke.MethodHandles;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;

/**
 * An encrypting cipher's way from its handle to an encryption session: the handle's source, the
 * material new messages use, and the session of that material in the cache of the key's own
 * registry ({@link KeyMaterialSource#caches()}), never a process-wide one.
 *
 * <p>Two one-entry memos keep the usual re-init with the same key free of cache lookups: the last
 * session (for the same material instance and key ARN, while it accepts new messages) and the last
 * registry's sessions (a reference compare of its caches). Not thread-safe, like the cipher.
 */
final class HandleSessions {

  /** The cipher reaches a handle's source only with the capability. */
  private static final SecretAccess SECRETS = SecretAccess.grantTo(MethodHandles.lookup());

  /** The sessions tests fix, or {@code null}: then each key's registry's own. */
  private final SessionSource fixed;
  private KeyMaterial sessionMaterial;
  private Arn sessionArn;
  private EncryptionSession sessionMemo;
  private SessionCaches cachesMemo;
  private EncryptionSessions sessionsMemo;

  HandleSessions(SessionSource fixed) {
    this.fixed = fixed;
  }

  /** The handle's source; {@code InvalidKeyException} once the handle was destroyed. */
  static KeyMaterialSource sourceOf(MrkKey h) throws InvalidKeyException {
    try {
      return KeyHandles.source(h, SECRETS);
    } catch (IllegalStateException e) {
      throw new InvalidKeyException(e.getMessage(), e);
    }
  }

  /** The material new messages use; {@code InvalidKeyException} naming why the key cannot encrypt. */
  static KeyMaterial encryptionMaterialOf(KeyMaterialSource source) throws InvalidKeyException {
    try {
      return source.encryptionMaterial();
    } catch (KmsException e) {
      throw new InvalidKeyException(e.describe(), e);
    }
  }

  /**
   * The session for {@code material} of {@code h}'s key: the one used last when it is for the same
   * material instance and key ARN and accepts new messages (no cache lookup), otherwise the one of
   * the key's registry.
   */
  EncryptionSession sessionFor(KeyMaterial material, MrkKey h, KeyMaterialSource source)
      throws InvalidKeyException {
    Arn arn = source.keyArn();
    EncryptionSession last = sessionMemo;
    if (last != null && material == sessionMaterial && (arn == sessionArn || arn.equals(sessionArn))
        && last.acceptsNewMessage()) {
      return last;
    }
    try {
      EncryptionSession s = (fixed != null ? fixed : sessionsOf(source)).sessionFor(material, arn);
      sessionMaterial = material;
      sessionArn = arn;
      sessionMemo = s;
      return s;
    } catch (IllegalStateException e) {
      throw new InvalidKeyException("the key material of " + h.keyArn() + " was destroyed", e);
    } catch (GeneralSecurityException e) {
      throw new InvalidKeyException("cannot derive a data key for " + h.keyArn() + ": " + e.getMessage(), e);
    }
  }

  private EncryptionSessions sessionsOf(KeyMaterialSource source) {
    SessionCaches caches = source.caches();
    if (caches != cachesMemo) {
      sessionsMemo = caches.get(EncryptionSessions.SLOT);
      cachesMemo = caches;
    }
    return sessionsMemo;
  }
}
