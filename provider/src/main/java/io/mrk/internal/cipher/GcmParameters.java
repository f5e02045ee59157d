package io.mrk.internal.cipher;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.ProviderException;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.InvalidParameterSpecException;
import javax.crypto.spec.GCMParameterSpec;

/** The GCM parameters MRK's cipher takes and gives: none on encryption, the header's nonce on decryption. */
final class GcmParameters {

  private GcmParameters() {}

  /** The {@code GCMParameterSpec} in {@code params}, or null for none. */
  static GCMParameterSpec specOf(AlgorithmParameters params) throws InvalidAlgorithmParameterException {
    if (params == null) {
      return null;
    }
    try {
      return params.getParameterSpec(GCMParameterSpec.class);
    } catch (InvalidParameterSpecException e) {
      throw new InvalidAlgorithmParameterException("MRK takes GCM parameters only", e);
    }
  }

  /** GCM parameters carrying {@code iv} and a 128-bit tag. */
  static AlgorithmParameters of(byte[] iv) {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("GCM");
      params.init(new GCMParameterSpec(AesGcmCore.TAG_BITS, iv));
      return params;
    } catch (GeneralSecurityException e) {
      throw new ProviderException("GCM AlgorithmParameters are unavailable", e);
    }
  }

  static void checkNoEncryptionParameters(AlgorithmParameterSpec params)
      throws InvalidAlgorithmParameterException {
    if (params != null) {
      throw new InvalidAlgorithmParameterException("MRK chooses every encryption nonce itself "
          + "(from its own random generator, per message) and records it in the ciphertext header, so "
          + "that a nonce is never reused under one data key; initialise ENCRYPT_MODE without parameters");
    }
  }

  /** The nonce a decryption must find in the header, or null when {@code params} is null. */
  static byte[] decryptionNonceOf(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
    if (params == null) {
      return null;
    }
    if (!(params instanceof GCMParameterSpec)) {
      throw new InvalidAlgorithmParameterException("MRK takes no parameters, or the GCMParameterSpec "
          + "that encryption returned, not " + params.getClass().getName());
    }
    GCMParameterSpec gcm = (GCMParameterSpec) params;
    AesGcmCore.checkParameters(gcm.getIV().length, gcm.getTLen());
    return gcm.getIV();
  }
}
