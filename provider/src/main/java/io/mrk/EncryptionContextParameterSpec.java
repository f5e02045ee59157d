package io.mrk;

import java.security.spec.AlgorithmParameterSpec;
import java.util.Map;

/**
 * The KMS encryption context of a message under a KMS-backed key (mrk-aws), passed to
 * {@code Cipher.init}. On encryption it is sent with {@code GenerateDataKey} and written into the
 * ciphertext header (spec/ciphertext-suite-2.md); on decryption it is optional and, when given, the
 * header's context must equal it exactly or decryption is refused before KMS is called.
 *
 * <p>The context is not secret: it is stored in clear in every ciphertext and in KMS's audit log.
 */
public record EncryptionContextParameterSpec(Map<String, String> context) implements AlgorithmParameterSpec {

  /**
   * @throws IllegalArgumentException when {@code context} cannot be encoded (see
   *     {@link EncryptionContext#encode})
   */
  public EncryptionContextParameterSpec {
    EncryptionContext.encode(context);
    context = Map.copyOf(context);
  }
}
