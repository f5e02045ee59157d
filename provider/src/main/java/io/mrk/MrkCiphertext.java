package io.mrk;

import io.mrk.internal.cipher.CiphertextHeader;
import io.mrk.kms.Arn;
import io.mrk.kms.KmsException;
import java.security.GeneralSecurityException;

/**
 * What an MRK ciphertext's header says about the key that made it, read without any key: a
 * decrypting tool finds the key from it. Nothing here is authenticated until decryption succeeds.
 */
public final class MrkCiphertext {

  private final String keyArn;
  private final String keyId;
  private final String region;
  private final int materialVersion;
  private final String materialId;
  private final int headerLength;

  private MrkCiphertext(String keyArn, String keyId, String region, int materialVersion, String materialId,
                        int headerLength) {
    this.keyArn = keyArn;
    this.keyId = keyId;
    this.region = region;
    this.materialVersion = materialVersion;
    this.materialId = materialId;
    this.headerLength = headerLength;
  }

  /**
   * Reads the header at the start of {@code ciphertext}; the chunks after it are not looked at.
   *
   * @throws GeneralSecurityException (an {@code AEADBadTagException}) when it is not a well-formed
   *     MRK ciphertext header of a version this library reads
   */
  public static MrkCiphertext parseHeader(byte[] ciphertext) throws GeneralSecurityException {
    if (ciphertext == null) {
      throw new GeneralSecurityException("no ciphertext");
    }
    CiphertextHeader h = CiphertextHeader.parse(ciphertext, 0, ciphertext.length);
    Arn arn;
    try {
      arn = Arn.parse(h.keyArn());
    } catch (KmsException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
    return new MrkCiphertext(h.keyArn(), arn.resourceId(), arn.region(), h.materialVersion(), h.materialId(),
        h.length());
  }

  /** The key ARN of the Region that encrypted. */
  public String keyArn() {
    return keyArn;
  }

  /** The key id, the same in every Region of a multi-Region key. */
  public String keyId() {
    return keyId;
  }

  /** The Region that encrypted. */
  public String region() {
    return region;
  }

  /** The key material version (1 for the original material, one more per rotation). */
  public int materialVersion() {
    return materialVersion;
  }

  /** The KeyMaterialId of that material version (64 lower-case hex digits), as KMS names material. */
  public String materialId() {
    return materialId;
  }

  /** The header's length in bytes. */
  public int headerLength() {
    return headerLength;
  }

  @Override
  public String toString() {
    return "MrkCiphertext[" + keyArn + ", materialVersion=" + materialVersion + "]";
  }
}
