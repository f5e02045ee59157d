package io.mrk.internal.cipher;

import io.mrk.internal.key.KeyMaterial;
import io.mrk.internal.key.MrkKeyHandle;
import io.mrk.kms.KmsException;
import io.mrk.kms.MultiRegionKeyMatch;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;

/**
 * A decrypting cipher's way from a header to its derived key through the cipher's current handle:
 * the header's key must be the handle's key, the material it names must be held here, and the key's
 * state in this Region is checked once per message.
 *
 * <p>That check is the one {@code init} made for the first message after {@code init}
 * ({@link #stateCheckedByInit}), and {@code decryptionMaterial} for every later message of a reused
 * cipher; never both, never neither. Three one-entry memos keep a repeated header cheap: the last ARN
 * match (a function of the two strings), the last material (for the same handle and header: a
 * material version is immutable) and the last derived key. Not thread-safe.
 */
final class HandleKeys implements HeaderKeyResolver {

  private MrkKeyHandle handle;
  private boolean stateChecked;
  private MrkKeyHandle matchedHandle;
  private String matchedHeaderArn;
  private MrkKeyHandle memoHandle;
  private CiphertextHeader memoHeader;
  private KeyMaterial memoMaterial;
  private DerivedKey memoKey;

  /** {@code init} bound {@code h} and has just checked that it may decrypt. */
  void stateCheckedByInit(MrkKeyHandle h) {
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
      key = DecryptionKeys.get(material, header);
    } catch (IllegalStateException e) {
      throw destroyed(e);
    }
    memoHandle = handle;
    memoHeader = header;
    memoMaterial = material;
    memoKey = key;
    return key;
  }

  private KeyMaterial fetch(CiphertextHeader header) throws BadPaddingException {
    try {
      return handle.source().decryptionMaterial(header.materialVersion(), header.materialId());
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
