package io.mrk.server;

import io.mrk.kms.Region;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kms.KmsClient;

/** AWS SDK for Java v2 KMS clients pointed at a fixture's listener, as an application would build them. */
final class SdkClients {

  private SdkClients() {}

  static StaticCredentialsProvider credentials(String accessKeyId, String secret) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret));
  }

  /** A client of {@code region}'s listener signing with the given access key. */
  static KmsClient client(ServerFixture f, Region region, String accessKeyId, String secret) {
    return KmsClient.builder()
        .endpointOverride(f.url(region))
        .region(software.amazon.awssdk.regions.Region.of(region.code()))
        .credentialsProvider(credentials(accessKeyId, secret))
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)).build())
        .build();
  }

  static KmsClient admin(ServerFixture f, Region region) {
    return client(f, region, ServerFixture.ADMIN_KEY, ServerFixture.ADMIN_SECRET);
  }
}
