/**
 * MRK over AWS KMS: the {@code MRK} KeyStore and {@code AES/GCM/NoPadding} with keys that live in
 * KMS, in every Region. It plugs into the MRK provider through the provider's keystore-backend seam,
 * so that {@code KeyStore.getInstance("MRK").load(descriptor, null)} reaches KMS with no code change;
 * {@link io.mrk.aws.AwsKmsLoadStoreParameter} is the typed way in for code.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.mrk.aws {
  // Transitive: the public API (AwsKmsLoadStoreParameter) takes the SDK's KmsClient and credentials provider.
  requires transitive io.mrk;
  requires com.github.benmanes.caffeine;
  requires transitive software.amazon.awssdk.services.kms;
  requires software.amazon.awssdk.regions;
  requires transitive software.amazon.awssdk.auth;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.urlconnection;
  requires software.amazon.awssdk.identity.spi;

  exports io.mrk.aws;

  provides io.mrk.spi.KeystoreBackend with io.mrk.aws.internal.AwsKmsBackend;
}
