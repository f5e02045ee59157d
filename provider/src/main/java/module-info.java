/**
 * MRK: AWS-KMS-style multi-Region keys for the JCA. Applications use the standard JCA
 * ({@code KeyStore.getInstance("MRK")}, {@code Cipher.getInstance("AES/GCM/NoPadding")}) and, to
 * manage keys, {@code io.mrk.kms}; everything under {@code io.mrk.internal} is private to the provider.
 */
module io.mrk {
  requires org.bouncycastle.provider;
  requires com.github.benmanes.caffeine;
  requires com.fasterxml.jackson.core;

  exports io.mrk;
  exports io.mrk.kms;
  exports io.mrk.audit;
  exports io.mrk.json;
  // The seam a KMS-backed key source plugs into (module io.mrk.aws, artifact mrk-aws).
  exports io.mrk.spi to io.mrk.aws;

  uses io.mrk.spi.KeystoreBackend;

  provides java.security.Provider with io.mrk.MrkProvider;
  // Finds Amazon Corretto Crypto Provider on the class path for the inner AES-GCM (AesGcmEngine).
  uses java.security.Provider;
}
