package io.mrk.bench;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CryptoResult;
import com.amazonaws.encryptionsdk.jce.JceMasterKey;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AWS Encryption SDK for Java with a raw AES-256 {@link JceMasterKey} and its default,
 * committing algorithm suite ({@code AES_256_GCM_HKDF_SHA512_COMMIT_KEY_ECDSA_P384}).
 *
 * <p>By design every {@code encryptData} generates and wraps a fresh data key, derives a commitment
 * key with HKDF and signs the message with ECDSA P-384; every {@code decryptData} unwraps, checks the
 * commitment and verifies the signature. The associated data is carried as the encryption context
 * (one entry whose value is the hex of the 32 AAD bytes), which the SDK authenticates, and
 * {@link #decrypt} checks it as a user must.
 */
final class EsdkAead implements AeadUnderTest {

  private static final String CONTEXT_KEY = "aad";

  private final AwsCrypto crypto = AwsCrypto.builder().build();
  private final JceMasterKey masterKey;

  private EsdkAead(JceMasterKey masterKey) {
    this.masterKey = masterKey;
  }

  static EsdkAead generate(byte[] rawKey) {
    return new EsdkAead(
        JceMasterKey.getInstance(
            new SecretKeySpec(rawKey, "AES"), "mrk-bench", "wrapping-key", "AES/GCM/NoPadding"));
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] aad) {
    return crypto.encryptData(masterKey, plaintext, context(aad)).getResult();
  }

  @Override
  public byte[] decrypt(byte[] message, byte[] aad) throws GeneralSecurityException {
    CryptoResult<byte[], JceMasterKey> result = crypto.decryptData(masterKey, message);
    if (!context(aad).get(CONTEXT_KEY).equals(result.getEncryptionContext().get(CONTEXT_KEY))) {
      throw new GeneralSecurityException("encryption context does not match");
    }
    return result.getResult();
  }

  private static Map<String, String> context(byte[] aad) {
    return Map.of(CONTEXT_KEY, HexFormat.of().formatHex(aad));
  }
}
