package io.mrk.internal.cipher;

import io.mrk.MrkKey;
import io.mrk.internal.key.KeyHandles;
import io.mrk.internal.key.KeyMaterial;
import io.mrk.internal.key.SecretAccess;
import io.mrk.internal.key.SessionCaches;
import io.mrk.kms.KmsException;
import io.mrk.kms.MultiRegionKeyMatch;
import java.lang.invoke.MethodHandles;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;

/**
 * A decrypting cipher's way from a header to its derived key through the cipher's current handle:
 * the header's key must be the handle's key, the material it names must be held here, and the key's
 * state in this Region is checked once per message.
 *
 * <p>For the first message after {@code init} whose header repeats the one remembered (same handle,
 * same parsed header), that check is the one {@code init} just made ({@link #stateCheckedByInit})
 * and the remembered material is used; every other message calls {@code decryptionMaterial}, which
 * checks again. So every message is checked at least once, and the usual {@code init} + one message
 * once. Three one-entry memos keep a repeated header cheap: the last ARN match (a function of the two
 * strings), the last material (for the same handle and header: a material of a given version and id
 * is immutable) and the last derived key. Not thread-safe.
 */
final class HandleKeys implements HeaderKeyResolver {

  /** The cipher reaches a handle's source only with the capability. */
  private static final SecretAccess SECRETS = SecretAccess.grantTo(MethodHandles.lookup());

  private MrkKey handle;
  private boolean stateChecked;
  private MrkKey matchedHandle;
  private String matchedHeaderArn;
  private MrkKey memoHandle;
  private CiphertextHeader memoHeader;
  private KeyMaterial memoMaterial;
  private DerivedKey memoKey;
  private SessionCaches cachesMemo;
  private DecryptionKeys keysMemo;

  /** {@code init} bound {@code h} and has just checked that it may decrypt. */
  void stateCheckedByInit(MrkKey h) {
    handle = h;
    stateChecked = true;
  }

  /** The message is over; the next one checks the key's state itself. */
  void messageEnded() {
    stateChecked = false;
  }

  @Override
  public DerivedKey keyFor(CiphertextHeader header) throws GeneralSecurityException {
    checkSameKey(header.keyArn());
    boolean checkedAtInit = stateChecked;
    stateChecked = false;
    boolean sameHeader = handle == memoHandle && header == memoHeader;
    KeyMaterial material = checkedAtInit && sameHeader ? memoMaterial : fetch(header);
    if (sameHeader && material == memoMaterial) {
      return memoKey;
    }
    DerivedKey key;
    try {
      key = decryptionKeys().get(material, header);
    } catch (IllegalStateException e) {
      throw destroyed(e);
    }
    memoHandle = handle;
    memoHeader = header;
    memoMaterial = material;
    memoKey = key;
    return key;
  }

  /** The decryption keys of the handle's registry; one reference compare when it is the last one's. */
  private DecryptionKeys decryptionKeys() {
    SessionCaches caches = KeyHandles.source(handle, SECRETS).caches();
    if (caches != cachesMemo) {
      keysMemo = caches.get(DecryptionKeys.SLOT);
      cachesMemo = caches;
    }
    return keysMemo;
  }

  private KeyMaterial fetch(CiphertextHeader header) throws BadPaddingException {
    try {
      return KeyHandles.source(handle, SECRETS).decryptionMaterial(header.materialVersion(), header.materialId());
    } catch (KmsException e) {
      BadPaddingException b = new BadPaddingException(e.describe() + " (the ciphertext needs key material "
          + header.materialId() + " of version " + header.materialVersion() + ")");
      b.initCause(e);
      throw b;
    } catch (IllegalStateException e) {
      throw destroyed(e);
    }
  }

  private BadPaddingException destroyed(IllegalStateException e) {
    BadPaddingException b = new BadPaddingException("the key handle or material of " + handle.keyArn()
        + " was destroyed");
    b.initCause(e);
    return b;
  }

  /**
   * Checks that the handle may decrypt what {@code headerArn} encrypted. The answer for the last ARN
   * this handle accepted is remembered: it depends on the two strings only, and a repeated header is
   * the same parsed value, with the same ARN string.
   */
  private void checkSameKey(String headerArn) throws AEADBadTagException {
    if (handle == matchedHandle && (headerArn == matchedHeaderArn || headerArn.equals(matchedHeaderArn))) {
      return;
    }
    String handleArn = handle.keyArn();
    if (!MultiRegionKeyMatch.sameKeyForDecrypt(handleArn, headerArn)) {
      throw new AEADBadTagException("IncorrectKeyException: the ciphertext was encrypted under "
          + headerArn + ", which is neither " + handleArn + " nor a related multi-Region key of it");
    }
    matchedHandle = handle;
    matchedHeaderArn = headerArn;
  }
}
